package org.pluginreview.market;

import java.time.Clock;
import java.util.Map;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.ReviewDecision;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.market.ListingEvent.Type;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Every change to a listing and its history event. Each takes the plugin's lock first, as the version
 * transitions do, and checks its own precondition from the records. The review's transitions are called
 * by the listing review process alone, and act only on the decision its own task recorded.
 */
@Component
public class ListingLifecycle {

  private final VersionStore store;
  private final ListingStore listings;
  private final Clock clock;

  public ListingLifecycle(VersionStore store, ListingStore listings, Clock clock) {
    this.store = store;
    this.listings = listings;
    this.clock = clock;
  }

  /** The owner's text for the next review, saved in the transaction that starts it. */
  public void propose(Actor actor, String pluginId, ListingText text) {
    Plugin plugin = owned(actor, pluginId);
    Listing listing = listings.listing(plugin.getPluginId())
        .orElseGet(() -> listings.add(new Listing(plugin.getPluginId(), clock.instant())));
    if (listing.getStatus() == ListingStatus.IN_REVIEW) {
      throw ErrorCode.ILLEGAL_STATE.exception("A listing review is open; wait for its decision, or unlist.")
          .with("listingStatus", listing.getStatus());
    }
    listing.propose(text, clock.instant());
  }

  /** The listing review's first step, for whoever started it: the owner, with a live version to list. */
  public void submit(Actor actor, String pluginId, String review) {
    Plugin plugin = owned(actor, pluginId);
    Listing listing = listings.listing(plugin.getPluginId()).filter(l -> l.getProposed() != null)
        .orElseThrow(() -> ErrorCode.ILLEGAL_STATE.exception("Nothing to review: give the listing's text first."));
    if (listing.getStatus() == ListingStatus.IN_REVIEW) {
      throw ErrorCode.ILLEGAL_STATE.exception("A listing review is open already.").with("listingStatus", listing.getStatus());
    }
    requireLiveVersion(plugin.getPluginId());
    ListingStatus from = listing.getStatus();
    listing.requested(actor.userId(), review, clock.instant());
    record(listing, Type.LISTING_REQUESTED, from, actor.userId(), null, review);
  }

  /** A reviewer completes the listing review task: four eyes, and a reason for every rejection. */
  public void decide(Actor actor, String pluginId, String review, String claimedBy, ReviewDecision decision,
                     String category, String comment) {
    Plugin plugin = lockPlugin(pluginId);
    Listing listing = underReview(plugin.getPluginId(), review);
    requireOtherReviewer(actor.userId(), plugin, listing);
    if (!actor.isReviewer()) {
      throw ErrorCode.FORBIDDEN.exception("Only reviewers may review.");
    }
    if (claimedBy != null && !claimedBy.equals(actor.userId())) {
      throw ErrorCode.CONFLICT.exception("The review is claimed by " + claimedBy + ".");
    }
    if (decision == null) {
      throw ErrorCode.VALIDATION_FAILED.exception("Decide APPROVE or REJECT.")
          .with("fields", Map.of("decision", "APPROVE or REJECT"));
    }
    if (comment != null && comment.length() > 2000) {
      throw ErrorCode.VALIDATION_FAILED.exception("The comment is longer than 2000 characters.")
          .with("fields", Map.of("comment", "at most 2000 characters"));
    }
    if (decision == ReviewDecision.REJECT) {
      if (category == null || category.isBlank() || comment == null || comment.isBlank()) {
        throw ErrorCode.REJECT_REASON_REQUIRED.exception("A rejection needs a reason category and a comment.")
            .with("reasonCategories", VersionLifecycle.REJECT_CATEGORIES.stream().sorted().toList());
      }
      if (!VersionLifecycle.REJECT_CATEGORIES.contains(category)) {
        throw ErrorCode.VALIDATION_FAILED.exception("Unknown reason category " + category + ".")
            .with("fields", Map.of("reasonCategory", "one of " + VersionLifecycle.REJECT_CATEGORIES.stream().sorted().toList()));
      }
    }
    listing.decide(decision.name(), actor.userId(), review, decision == ReviewDecision.REJECT ? category : null,
        comment == null || comment.isBlank() ? null : comment);
  }

  /** The public text becomes the approved one. */
  public void approve(String pluginId, String review) {
    Plugin plugin = lockPlugin(pluginId);
    Listing listing = underReview(plugin.getPluginId(), review);
    Listing.Decided d = decided(listing, ReviewDecision.APPROVE, review);
    requireOtherReviewer(d.by(), plugin, listing);
    listing.published(d.by(), clock.instant());
    record(listing, Type.LISTING_APPROVED, ListingStatus.IN_REVIEW, d.by(), d.comment(), review);
  }

  /** The proposal is rejected; a text approved before stays public. */
  public void reject(String pluginId, String review) {
    Plugin plugin = lockPlugin(pluginId);
    Listing listing = underReview(plugin.getPluginId(), review);
    Listing.Decided d = decided(listing, ReviewDecision.REJECT, review);
    requireOtherReviewer(d.by(), plugin, listing);
    listing.rejected(d.by(), d.category(), d.comment(), clock.instant());
    record(listing, Type.LISTING_REJECTED, ListingStatus.IN_REVIEW, d.by(), d.category() + ": " + d.comment(), review);
  }

  /** The owner unlists while the review waits: the review ends, and nothing of the plugin stays in the market. */
  public void withdraw(Actor actor, String pluginId, String review) {
    Plugin plugin = owned(actor, pluginId);
    Listing listing = underReview(plugin.getPluginId(), review);
    listing.unlisted(clock.instant());
    record(listing, Type.LISTING_WITHDRAWN, ListingStatus.IN_REVIEW, actor.userId(), null, review);
  }

  /** The owner takes a listed plugin out of the market; subscriptions stay. No review is waiting. */
  public void unlist(Actor actor, String pluginId) {
    Plugin plugin = owned(actor, pluginId);
    Listing listing = listings.listing(plugin.getPluginId()).filter(Listing::isListed)
        .orElseThrow(() -> ErrorCode.ILLEGAL_STATE.exception("The plugin is not listed."));
    if (listing.getStatus() == ListingStatus.IN_REVIEW) {
      throw ErrorCode.ILLEGAL_STATE.exception("A listing review is open; unlisting ends it.");
    }
    ListingStatus from = listing.getStatus();
    listing.unlisted(clock.instant());
    record(listing, Type.UNLISTED, from, actor.userId(), null, null);
  }

  // ---------------------------------------------------------------- helpers

  void requireLiveVersion(String pluginId) {
    if (store.relevant(pluginId, null).stream().noneMatch(v -> v.getStatus() == VersionStatus.RELEASED)) {
      throw ErrorCode.MARKET_NEEDS_LIVE_VERSION.exception(
          "Only a plugin with a live version can be listed in the market; go live first.");
    }
  }

  private Plugin lockPlugin(String pluginId) {
    return store.lockPlugin(pluginId).orElseThrow(() -> VersionLifecycle.noPlugin(pluginId));
  }

  private Plugin owned(Actor actor, String pluginId) {
    Plugin plugin = VersionLifecycle.visible(actor, store.lockPlugin(pluginId), pluginId);
    if (!actor.userId().equals(plugin.getOwner())) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner may do this.");
    }
    return plugin;
  }

  private Listing underReview(String pluginId, String review) {
    Listing listing = listings.listing(pluginId).orElseThrow(() -> VersionLifecycle.noPlugin(pluginId));
    if (listing.getStatus() != ListingStatus.IN_REVIEW || !review.equals(listing.getProcessInstanceId())) {
      throw ErrorCode.ILLEGAL_STATE.exception("The listing of " + pluginId + " is not under review in process "
          + review + ".").with("listingStatus", listing.getStatus());
    }
    return listing;
  }

  private static Listing.Decided decided(Listing listing, ReviewDecision decision, String review) {
    Listing.Decided d = listing.decided(decision.name(), review);
    if (d == null) {
      throw ErrorCode.FORBIDDEN.exception("Nobody decided to " + decision.name().toLowerCase()
          + " this listing in this review; that decision comes only from completing its task.");
    }
    return d;
  }

  private static void requireOtherReviewer(String by, Plugin plugin, Listing listing) {
    if (by.equals(plugin.getOwner()) || by.equals(listing.getRequestedBy())) {
      throw ErrorCode.SELF_REVIEW_FORBIDDEN.exception("Nobody may review their own listing.");
    }
  }

  private void record(Listing listing, Type type, ListingStatus from, String actor, String comment, String review) {
    listings.append(new ListingEvent(listing.getPluginId(), type, from, listing.getStatus(), actor, clock.instant(),
        comment, review));
  }
}
