package org.pluginreview.market;

import static org.pluginreview.system.ErrorCode.*;

import jakarta.validation.Valid;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.market.MarketRequests.ListingDecision;
import org.pluginreview.market.MarketRequests.ListingRequest;
import org.pluginreview.market.MarketRequests.TrialMembersRequest;
import org.pluginreview.market.MarketViews.ListingEventView;
import org.pluginreview.market.MarketViews.ListingView;
import org.pluginreview.market.MarketViews.MarketPlugin;
import org.pluginreview.market.MarketViews.ResolutionView;
import org.pluginreview.market.MarketViews.SubscriptionView;
import org.pluginreview.market.MarketViews.TrialMembers;
import org.pluginreview.plugin.Paging;
import org.pluginreview.system.Actor;
import org.pluginreview.system.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class MarketController {

  private static final String LISTING = "/plugins/{pluginId}/listing";

  private final MarketService market;
  private final IdentityService identityService;

  MarketController(MarketService market, IdentityService identityService) {
    this.market = market;
    this.identityService = identityService;
  }

  private Actor actor() {
    return Actor.required(identityService);
  }

  // ---------------------------------------------------------------- the owner's listing, reviewed

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, MARKET_NEEDS_LIVE_VERSION})
  @PutMapping(path = LISTING, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ListingView> requestListing(@PathVariable String pluginId, @Valid @RequestBody ListingRequest request) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(market.requestListing(actor(), pluginId, request));
  }

  @Refusals({NOT_FOUND})
  @GetMapping(LISTING)
  ListingView listing(@PathVariable String pluginId) {
    return market.listing(actor(), pluginId);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @DeleteMapping(LISTING)
  ResponseEntity<Void> unlist(@PathVariable String pluginId) {
    market.unlist(actor(), pluginId);
    return ResponseEntity.noContent().build();
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, SELF_REVIEW_FORBIDDEN, REJECT_REASON_REQUIRED,
      CONFLICT})
  @PostMapping(path = LISTING + "/review", consumes = MediaType.APPLICATION_JSON_VALUE)
  ListingView reviewListing(@PathVariable String pluginId, @RequestBody ListingDecision decision) {
    return market.review(actor(), pluginId, decision);
  }

  @Refusals({NOT_FOUND})
  @GetMapping(LISTING + "/history")
  List<ListingEventView> listingHistory(@PathVariable String pluginId) {
    return market.listingHistory(actor(), pluginId);
  }

  // ---------------------------------------------------------------- the market and subscriptions

  @Refusals({VALIDATION_FAILED})
  @GetMapping("/market/plugins")
  List<MarketPlugin> market(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return market.market(actor(), q, category, Paging.of(page, size));
  }

  @Refusals({NOT_FOUND})
  @GetMapping("/market/plugins/{pluginId}")
  MarketPlugin marketPlugin(@PathVariable String pluginId) {
    return market.marketPlugin(actor(), pluginId);
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @PutMapping("/market/plugins/{pluginId}/subscription")
  SubscriptionView subscribe(@PathVariable String pluginId) {
    return market.subscribe(actor(), pluginId);
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @DeleteMapping("/market/plugins/{pluginId}/subscription")
  ResponseEntity<Void> unsubscribe(@PathVariable String pluginId) {
    market.unsubscribe(actor(), pluginId);
    return ResponseEntity.noContent().build();
  }

  @Refusals({FORBIDDEN, VALIDATION_FAILED})
  @GetMapping("/market/subscriptions")
  List<SubscriptionView> mySubscriptions(@RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return market.mySubscriptions(actor(), Paging.of(page, size));
  }

  @Refusals({NOT_FOUND, FORBIDDEN, VALIDATION_FAILED})
  @GetMapping("/plugins/{pluginId}/subscribers")
  List<SubscriptionView> subscribers(@PathVariable String pluginId, @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return market.subscribers(actor(), pluginId, Paging.of(page, size));
  }

  // ---------------------------------------------------------------- who runs which version

  @Refusals({NOT_FOUND, FORBIDDEN})
  @GetMapping("/market/plugins/{pluginId}/resolution")
  ResolutionView resolution(@PathVariable String pluginId, @RequestParam(required = false) String merchant) {
    return market.resolve(actor(), pluginId, merchant);
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN})
  @PutMapping(path = "/plugins/{pluginId}/trial-members", consumes = MediaType.APPLICATION_JSON_VALUE)
  TrialMembers setTrialMembers(@PathVariable String pluginId, @Valid @RequestBody TrialMembersRequest request) {
    return market.setTrialMembers(actor(), pluginId, request.members());
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @GetMapping("/plugins/{pluginId}/trial-members")
  TrialMembers trialMembers(@PathVariable String pluginId) {
    return market.trialMembers(actor(), pluginId);
  }
}
