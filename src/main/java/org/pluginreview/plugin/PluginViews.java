package org.pluginreview.plugin;

import java.time.Instant;
import java.util.List;
import org.pluginreview.lifecycle.Action;
import org.pluginreview.lifecycle.BasicInfo;
import org.pluginreview.lifecycle.Finding;
import org.pluginreview.lifecycle.VersionEvent;
import org.pluginreview.lifecycle.VersionRules;
import org.pluginreview.lifecycle.VersionStatus;

/** Response bodies of {@code /api}. */
public final class PluginViews {

  private PluginViews() {}

  public record PluginSummary(String pluginId, String name, String description, String owner, Instant createdAt,
                              String liveVersion, String trialVersion) {}

  /** {@code offlineVersion}: the live version its owner took offline (null while online); {@code actions}: the plugin's own. */
  public record PluginDetails(String pluginId, String name, String description, String owner, Instant createdAt,
                              String liveVersion, String trialVersion, String offlineVersion,
                              List<VersionRules.PluginAction> actions, List<VersionDetails> versions) {}

  /** A version that was deleted: its number, the status it was deleted in, by whom and when; its history stays. */
  public record DeletedVersion(String version, VersionStatus status, String deletedBy, Instant deletedAt) {}

  public record Rejection(String reasonCategory, String comment) {}

  public record VersionDetails(
      String pluginId, String version, VersionStatus status, boolean trial, Integer grayPercentage,
      String description, List<String> featurePackages, BasicInfo basicInfo, Rejection lastRejection,
      List<Finding> findings, String submitter, String reviewer, String processInstanceId,
      Instant createdAt, Instant updatedAt, Instant submittedAt, Instant reviewedAt, Instant releasedAt,
      List<Action> actions, long revision, Queue queue) {

    /** The same version with its place in the review queue. */
    public VersionDetails withQueue(Queue place) {
      return new VersionDetails(pluginId, version, status, trial, grayPercentage, description, featurePackages,
          basicInfo, lastRejection, findings, submitter, reviewer, processInstanceId, createdAt, updatedAt,
          submittedAt, reviewedAt, releasedAt, actions, revision, place);
    }
  }

  /**
   * Where a version under review stands ({@code GET} of one version only): its place in the queue's order, and
   * how long until its decision, likely at the earliest (median) and at the latest (90th percentile, or the
   * queue's clearing time at the recent pace); null durations when the history is too thin.
   */
  public record Queue(int position, java.time.Duration etaP50, java.time.Duration etaP90) {}

  /** One history entry; {@code id} is the {@code id} of the webhook event that announced it. */
  public record Event(String id, VersionEvent.Type action, VersionStatus from, VersionStatus to, String actor,
                      Instant time, String comment, String processInstanceId) {

    static Event of(VersionEvent e) {
      return new Event(String.valueOf(e.getId()), e.getAction(), e.getFromStatus(), e.getToStatus(), e.getActor(), e.getOccurredAt(),
          e.getComment(), e.getProcessInstanceId());
    }
  }
}
