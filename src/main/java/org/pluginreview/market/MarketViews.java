package org.pluginreview.market;

import java.time.Instant;
import java.util.List;
import org.pluginreview.market.Resolution.Reason;

/** Response bodies of the market's part of {@code /api}. */
public final class MarketViews {

  private MarketViews() {}

  /** What the owner and reviewers see of a listing; {@code actions} are the caller's, as for versions. */
  public record ListingView(String pluginId, ListingStatus status, boolean listed, ListingText published,
                            ListingText proposed, String liveVersion, boolean available, String requestedBy,
                            String reviewer, Rejection lastRejection, Instant listedAt, List<ListingAction> actions,
                            long revision) {}

  public record Rejection(String reasonCategory, String comment) {}

  public enum ListingAction { REQUEST_LISTING, UNLIST, APPROVE, REJECT }

  /** A plugin in the market: its public text, the version live now, and whether it runs at all. */
  public record MarketPlugin(String pluginId, String title, String summary, String category, String description,
                             String supportContact, String supportUrl, String liveVersion, boolean available,
                             String owner, long subscribers, boolean subscribed) {}

  public record SubscriptionView(String pluginId, String merchantId, Instant subscribedAt) {}

  public record ResolutionView(String pluginId, String merchant, String version, Reason reason) {}

  public record TrialMembers(List<String> members) {}

  public record ListingEventView(ListingEvent.Type action, ListingStatus from, ListingStatus to, String actor,
                                 Instant time, String comment) {}
}
