package org.pluginreview.market;

import java.util.List;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.review.ReviewProcess.Variable;

/**
 * The one place that spells the listing review's key, message, element ids and variable names
 * (processes/market-listing-review.bpmn and processes/listing-review.form use the same strings).
 */
public final class ListingProcess {

  public static final String KEY = "marketListingReview";
  public static final String MESSAGE_WITHDRAWN = "listingWithdrawn";
  /** The shared Tasklist filter of open listing reviews. */
  public static final String FILTER_LISTINGS = "Listing reviews";

  public static final String START = "start_listingRequested";
  public static final String SUBMIT_LISTING = "serviceTask_submitListing";
  public static final String USER_TASK_REVIEW_LISTING = "userTask_reviewListing";
  public static final String BOUNDARY_WITHDRAWN = "boundary_listingWithdrawn";
  public static final String GATEWAY_DECISION = "gateway_listingDecision";
  public static final String PUBLISH_LISTING = "serviceTask_publishListing";
  public static final String REJECT_LISTING = "serviceTask_rejectListing";
  public static final String WITHDRAW_LISTING = "serviceTask_withdrawListing";
  public static final String END_PUBLISHED = "end_listingPublished";
  public static final String END_REJECTED = "end_listingRejected";
  public static final String END_WITHDRAWN = "end_listingWithdrawn";

  /** Process variables: the plugin asked for at the start, and the task's decision (the names the form uses). */
  public static final class Var {
    public static final Variable<String> PLUGIN_ID = ReviewProcess.Var.PLUGIN_ID;
    public static final Variable<String> DECISION = ReviewProcess.Var.REVIEW_DECISION;
    public static final Variable<String> REJECT_CATEGORY = ReviewProcess.Var.REJECT_CATEGORY;
    public static final Variable<String> COMMENT = ReviewProcess.Var.REVIEW_COMMENT;

    private Var() {}
  }

  /** What the review task decides; its creation clears them, so the gateway sees only its own completion. */
  public static final List<Variable<?>> TASK_DECISIONS = List.of(Var.DECISION, Var.REJECT_CATEGORY, Var.COMMENT);

  /** Read-only details the listing form shows, set on the task as it is created. */
  public static final class Detail {
    public static final String PLUGIN = ReviewProcess.Detail.PLUGIN;
    public static final String LIVE_VERSION = "detailLiveVersion";
    public static final String REQUESTED_BY = "detailRequestedBy";
    public static final String CHANGES = "detailListingChanges";
    public static final String TITLE = "detailListingTitle";
    public static final String CATEGORY = "detailListingCategory";
    public static final String SUMMARY = "detailListingSummary";
    public static final String DESCRIPTION = "detailListingDescription";
    public static final String SUPPORT_CONTACT = "detailListingSupportContact";
    public static final String SUPPORT_URL = "detailListingSupportUrl";

    private Detail() {}
  }

  public static String taskName(String pluginId) {
    return "Review listing " + pluginId;
  }

  private ListingProcess() {}
}
