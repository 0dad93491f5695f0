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
      List<Action> actions, long revision) {}

  public record Event(VersionEvent.Type action, VersionStatus from, VersionStatus to, String actor, Instant time,
                      String comment, String processInstanceId) {

    static Event of(VersionEvent e) {
      return new Event(e.getAction(), e.getFromStatus(), e.getToStatus(), e.getActor(), e.getOccurredAt(),
          e.getComment(), e.getProcessInstanceId());
    }
  }
}
