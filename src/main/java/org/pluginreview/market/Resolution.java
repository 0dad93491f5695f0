package org.pluginreview.market;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.VersionStatus;

/**
 * Which version a merchant's mini-programs run now, and why: the answer the runtime needs. Trial members run
 * the trial version; a grayscale at p % reaches the merchants whose bucket is below p; everyone else runs
 * the live version. Offline, or with nothing live, nobody runs anything.
 */
public final class Resolution {

  public enum Reason { TRIAL, GRAY, LIVE, NONE }

  public record Answer(String pluginId, String merchant, String version, Reason reason) {}

  private Resolution() {}

  /**
   * The merchant's stable place, 0 to 99, for this plugin: the same on every node and after every restart,
   * independent between plugins, so that one merchant is not always first into every grayscale.
   */
  public static int bucket(String pluginId, String merchantId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((Plugin.key(pluginId) + "\n" + merchantId).getBytes(StandardCharsets.UTF_8));
      long value = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
      return (int) (value % 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** {@code versions}: the plugin's live, gray and trial versions (others are ignored). */
  public static Answer resolve(Plugin plugin, List<PluginVersion> versions, Predicate<String> isTrialMember,
                               String merchant) {
    String pluginId = plugin.getPluginId();
    if (plugin.offlineVersion().isPresent()) {
      return new Answer(pluginId, merchant, null, Reason.NONE);
    }
    Optional<PluginVersion> trial = versions.stream().filter(PluginVersion::isTrial).findFirst();
    if (trial.isPresent() && isTrialMember.test(merchant)) {
      return new Answer(pluginId, merchant, trial.get().getVersion(), Reason.TRIAL);
    }
    Optional<PluginVersion> gray = versions.stream().filter(v -> v.getStatus() == VersionStatus.GRAY).findFirst();
    if (gray.isPresent() && bucket(pluginId, merchant) < gray.get().getGrayPercentage()) {
      return new Answer(pluginId, merchant, gray.get().getVersion(), Reason.GRAY);
    }
    return versions.stream().filter(v -> v.getStatus() == VersionStatus.RELEASED).findFirst()
        .map(live -> new Answer(pluginId, merchant, live.getVersion(), Reason.LIVE))
        .orElse(new Answer(pluginId, merchant, null, Reason.NONE));
  }
}
