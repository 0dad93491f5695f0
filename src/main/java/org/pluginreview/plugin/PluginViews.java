package org.pluginreview.plugin;

import java.time.Instant;
import java.util.List;
import org.pluginreview.lifecycle.Action;
import org.pluginreview.lifecycle.AppealState;
import org.pluginreview.lifecycle.BasicInfo;
import org.pluginreview.lifecycle.Finding;
import org.pluginreview.lifecycle.ReviewStandard;
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

  /** A review standard item a rejection cites. */
  public record Cited(String item, String title, String titleZh) {
    public static List<Cited> of(List<String> ids) {
      return ReviewStandard.get().cited(ids).stream().map(i -> new Cited(i.id(), i.title(), i.titleZh())).toList();
    }
  }

  public record Rejection(String reasonCategory, String comment, List<Cited> findings) {
    public Rejection(String reasonCategory, String comment) {
      this(reasonCategory, comment, List.of());
    }
  }

  /**
   * One entry of a version's conversation, which its first rejection opens: a rejection (with its reason and
   * the standard items it cites), a message, an appeal or a lead's decision on it. {@code id} is the history
   * event's, and the webhook event's.
   */
  public record Message(String id, VersionEvent.Type kind, String author, Instant time, String text,
                        String reasonCategory, List<Cited> findings) {
    public static Message of(VersionEvent e) {
      String text = e.reason().map(VersionEvent.Reason::comment).orElse(e.getComment());
      return new Message(String.valueOf(e.getId()), e.getAction(), e.getActor(), e.getOccurredAt(), text,
          e.reason().map(VersionEvent.Reason::category).orElse(null), Cited.of(e.findings()));
    }
  }

  public record VersionDetails(
      String pluginId, String version, VersionStatus status, boolean trial, Integer grayPercentage,
      String description, List<String> featurePackages, BasicInfo basicInfo, Rejection lastRejection,
      List<Finding> findings, String submitter, String reviewer, String processInstanceId,
      Instant createdAt, Instant updatedAt, Instant submittedAt, Instant reviewedAt, Instant releasedAt,
      Instant expeditedAt, AppealState appeal, List<Action> actions, long revision, Queue queue) {

    /** The same version with its place in the review queue. */
    public VersionDetails withQueue(Queue place) {
      return new VersionDetails(pluginId, version, status, trial, grayPercentage, description, featurePackages,
          basicInfo, lastRejection, findings, submitter, reviewer, processInstanceId, createdAt, updatedAt,
          submittedAt, reviewedAt, releasedAt, expeditedAt, appeal, actions, revision, place);
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
