package org.pluginreview.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pluginreview.support.Users.DEV1;
import static org.pluginreview.support.Users.DEV2;
import static org.pluginreview.support.Users.REVIEWER1;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.pluginreview.lifecycle.LifecycleFixture;
import org.pluginreview.lifecycle.ReviewDecision;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;

/**
 * Every listing transition with no Spring, database or engine: each checks its own precondition from the
 * records (a live version, the status it leaves, who acts, the decision of its own review).
 */
class ListingLifecycleTest {

  private static final ListingText TEXT = new ListingText("Weather", "Forecasts", "tools", null, "help@x.example",
      "https://x.example/help");

  private final LifecycleFixture weather = new LifecycleFixture("weather");
  private final InMemoryListings listings = new InMemoryListings();
  private final ListingLifecycle lifecycle = new ListingLifecycle(weather.store(), listings,
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void onlyTheOwnerOfAPluginWithALiveVersionAsksToList() {
    lifecycle.propose(DEV1, "weather", TEXT);
    refused(ErrorCode.MARKET_NEEDS_LIVE_VERSION, () -> lifecycle.submit(DEV1, "weather", "r1"));
    weather.live("1.0.0");
    refused(ErrorCode.NOT_FOUND, () -> lifecycle.propose(DEV2, "weather", TEXT));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.submit(REVIEWER1, "weather", "r1"));

    lifecycle.submit(DEV1, "weather", "r1");

    assertThat(listing().getStatus()).isEqualTo(ListingStatus.IN_REVIEW);
    assertThat(listing().getRequestedBy()).isEqualTo("dev1");
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.propose(DEV1, "weather", TEXT));
    assertThat(lastEvent().getAction()).isEqualTo(ListingEvent.Type.LISTING_REQUESTED);
  }

  @Test
  void aListingIsPublicOnlyOnAnotherReviewersApprovalInThisVeryReview() {
    inReview("r1");
    refused(ErrorCode.SELF_REVIEW_FORBIDDEN, () -> lifecycle.decide(DEV1, "weather", "r1", null, ReviewDecision.APPROVE,
        null, null));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.decide(new Actor("merchant1", Set.of(Actor.MERCHANTS)), "weather", "r1",
        null, ReviewDecision.APPROVE, null, null));
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.decide(REVIEWER1, "weather", "other", null, ReviewDecision.APPROVE,
        null, null));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.approve("weather", "r1")); // nobody decided yet

    lifecycle.decide(REVIEWER1, "weather", "r1", null, ReviewDecision.APPROVE, null, null);
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.reject("weather", "r1")); // the decision was to approve
    lifecycle.approve("weather", "r1");

    assertThat(listing()).extracting(Listing::getStatus, Listing::isListed, Listing::getReviewer)
        .containsExactly(ListingStatus.LISTED, true, "reviewer1");
    assertThat(listing().getPublished()).isEqualTo(TEXT);
    assertThat(listing().getProposed()).isNull();
  }

  @Test
  void aRejectionNeedsAReasonAndKeepsAnEarlierPublicText() {
    inReview("r1");
    lifecycle.decide(REVIEWER1, "weather", "r1", null, ReviewDecision.APPROVE, null, null);
    lifecycle.approve("weather", "r1");
    ListingText edit = new ListingText("Weather Pro", "Forecasts", "tools", null, "help@x.example", "https://x.example/help");
    lifecycle.propose(DEV1, "weather", edit);
    lifecycle.submit(DEV1, "weather", "r2");
    refused(ErrorCode.REJECT_REASON_REQUIRED, () -> lifecycle.decide(REVIEWER1, "weather", "r2", null,
        ReviewDecision.REJECT, null, "no"));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.decide(REVIEWER1, "weather", "r2", null,
        ReviewDecision.REJECT, "NONSENSE", "no"));
    refused(ErrorCode.CONFLICT, () -> lifecycle.decide(REVIEWER1, "weather", "r2", "reviewer2",
        ReviewDecision.REJECT, "CONTENT", "no"));

    lifecycle.decide(REVIEWER1, "weather", "r2", null, ReviewDecision.REJECT, "CONTENT", "Pro of what?");
    lifecycle.reject("weather", "r2");

    assertThat(listing()).extracting(Listing::getStatus, Listing::isListed, Listing::getRejectComment)
        .containsExactly(ListingStatus.REJECTED, true, "Pro of what?");
    assertThat(listing().getPublished()).isEqualTo(TEXT);
    assertThat(lastEvent().getComment()).isEqualTo("CONTENT: Pro of what?");
  }

  @Test
  void theOwnerUnlistsAListedPluginOrWithdrawsTheWaitingReview() {
    inReview("r1");
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.unlist(DEV1, "weather")); // the review must end first
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.withdraw(REVIEWER1, "weather", "r1"));
    lifecycle.withdraw(DEV1, "weather", "r1");
    assertThat(listing()).extracting(Listing::getStatus, Listing::isListed)
        .containsExactly(ListingStatus.UNLISTED, false);

    lifecycle.propose(DEV1, "weather", TEXT);
    lifecycle.submit(DEV1, "weather", "r2");
    lifecycle.decide(REVIEWER1, "weather", "r2", null, ReviewDecision.APPROVE, null, null);
    lifecycle.approve("weather", "r2");
    lifecycle.unlist(DEV1, "weather");
    assertThat(listing()).extracting(Listing::getStatus, Listing::isListed)
        .containsExactly(ListingStatus.UNLISTED, false);
    assertThat(lastEvent().getAction()).isEqualTo(ListingEvent.Type.UNLISTED);
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.unlist(DEV1, "weather"));
  }

  private void inReview(String review) {
    weather.live("1.0.0");
    lifecycle.propose(DEV1, "weather", TEXT);
    lifecycle.submit(DEV1, "weather", review);
  }

  private Listing listing() {
    return listings.listing("weather").orElseThrow();
  }

  private ListingEvent lastEvent() {
    return listings.events.get(listings.events.size() - 1);
  }

  /** Refused with this code, and the listing and its history are as they were. */
  private void refused(ErrorCode code, Executable call) {
    String before = snapshot();
    ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, call);
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(snapshot()).isEqualTo(before);
  }

  private String snapshot() {
    return listings.listing("weather").map(l -> l.getStatus() + " " + l.isListed() + " " + l.getPublished() + " "
        + l.getReviewer()).orElse("none") + " " + listings.events.size();
  }

  /** The store in memory. */
  static final class InMemoryListings implements ListingStore {
    final Map<String, Listing> listings = new HashMap<>();
    final List<ListingEvent> events = new ArrayList<>();

    @Override
    public Optional<Listing> listing(String pluginId) {
      return Optional.ofNullable(listings.get(pluginId));
    }

    @Override
    public Listing add(Listing listing) {
      listings.put(listing.getPluginId(), listing);
      return listing;
    }

    @Override
    public void append(ListingEvent event) {
      events.add(event);
    }
  }
}
