package org.pluginreview.lifecycle;

import static org.pluginreview.support.Users.DEV1;
import static org.pluginreview.support.Users.REVIEWER1;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.pluginreview.lifecycle.VersionLifecycle.Review;

/**
 * One plugin of dev1's, moved through the real transitions in memory: for rules outside this package
 * that need versions in a given state (no Spring, database or engine).
 */
public final class LifecycleFixture {

  private final InMemoryVersions store = new InMemoryVersions();
  private final VersionLifecycle lifecycle = new VersionLifecycle(store, LifecycleCounters.NONE,
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
  private final String pluginId;

  public LifecycleFixture(String pluginId) {
    this.pluginId = pluginId;
    store.plugins.put(pluginId, new Plugin(pluginId, pluginId, null, DEV1.userId(), Instant.EPOCH));
  }

  /** The versions' store, for a lifecycle outside this package that locks and reads the same plugin. */
  public VersionStore store() {
    return store;
  }

  public Plugin plugin() {
    return store.plugins.get(pluginId);
  }

  /** The versions a resolution looks at: live, gray, trial. */
  public List<PluginVersion> relevant() {
    return store.relevant(pluginId, null);
  }

  public Review approved(String version) {
    lifecycle.upload(DEV1, pluginId, version, null, List.of("core"),
        new BasicInfo("n", "s", "d", "c", "a@b.example", false, null));
    Review review = new Review(pluginId, version, "review-of-" + version);
    lifecycle.submit(DEV1, review, null);
    lifecycle.confirmSelfCheck(DEV1, review, EnumSet.allOf(SelfCheckItem.class), null);
    lifecycle.preReview(review);
    lifecycle.sendToReview(review);
    lifecycle.decideReview(REVIEWER1, review, null, ReviewDecision.APPROVE, null, null, null);
    lifecycle.approve(review);
    return review;
  }

  public void live(String version) {
    Review review = approved(version);
    lifecycle.decideRelease(DEV1, review, ReleaseDecision.GO_LIVE, null, null);
    lifecycle.release(review);
  }

  /** Starts grayscale, or raises it, or cancels it with {@code null}. */
  public void gray(Review review, Integer percentage) {
    boolean gray = store.version(pluginId, review.version()).orElseThrow().getStatus() == VersionStatus.GRAY;
    if (percentage == null) {
      lifecycle.decideRelease(DEV1, review, ReleaseDecision.CANCEL_GRAY, null, null);
      lifecycle.cancelGray(review);
    } else if (gray) {
      lifecycle.decideRelease(DEV1, review, ReleaseDecision.RAISE_GRAY, (long) percentage, null);
      lifecycle.raiseGray(review);
    } else {
      lifecycle.decideRelease(DEV1, review, ReleaseDecision.START_GRAY, (long) percentage, null);
      lifecycle.startGray(review);
    }
  }

  public void trial(String version) {
    lifecycle.setTrial(DEV1, pluginId, version, null);
  }

  public void offline() {
    lifecycle.takeOffline(DEV1, pluginId);
  }
}
