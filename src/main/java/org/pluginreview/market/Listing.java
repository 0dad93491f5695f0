package org.pluginreview.market;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A plugin's listing in the service market: the public text, once a review approved one, and the text
 * under review (or last rejected). An edit is reviewed while the public text stays.
 */
@Entity
@Table(name = "plugin_listing")
public class Listing {

  @Id
  @Column(name = "plugin_id")
  private String pluginId;

  @Enumerated(EnumType.STRING)
  private ListingStatus status;

  private boolean listed;

  @Embedded
  private ListingText published;

  @Embedded
  @AttributeOverrides({
      @AttributeOverride(name = "title", column = @Column(name = "proposed_title")),
      @AttributeOverride(name = "summary", column = @Column(name = "proposed_summary")),
      @AttributeOverride(name = "category", column = @Column(name = "proposed_category")),
      @AttributeOverride(name = "description", column = @Column(name = "proposed_description")),
      @AttributeOverride(name = "supportContact", column = @Column(name = "proposed_support_contact")),
      @AttributeOverride(name = "supportUrl", column = @Column(name = "proposed_support_url"))})
  private ListingText proposed;

  @Column(name = "requested_by")
  private String requestedBy;

  private String reviewer;

  @Column(name = "reject_category")
  private String rejectCategory;

  @Column(name = "reject_comment")
  private String rejectComment;

  @Column(name = "process_instance_id")
  private String processInstanceId;

  /** The decision of the review task, kept until the step that carries it out: APPROVE or REJECT. */
  @Column(name = "decision_action")
  private String decisionAction;

  @Column(name = "decision_by")
  private String decisionBy;

  @Column(name = "decision_review")
  private String decisionReview;

  @Column(name = "decision_category")
  private String decisionCategory;

  @Column(name = "decision_comment")
  private String decisionComment;

  @Column(name = "listed_at")
  private Instant listedAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Version
  @Column(name = "lock_version")
  private long revision;

  protected Listing() {}

  Listing(String pluginId, Instant now) {
    this.pluginId = pluginId;
    this.status = ListingStatus.UNLISTED;
    this.updatedAt = now;
  }

  public String getPluginId() {
    return pluginId;
  }

  public ListingStatus getStatus() {
    return status;
  }

  public boolean isListed() {
    return listed;
  }

  public ListingText getPublished() {
    return published;
  }

  public ListingText getProposed() {
    return proposed;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public String getReviewer() {
    return reviewer;
  }

  public String getRejectCategory() {
    return rejectCategory;
  }

  public String getRejectComment() {
    return rejectComment;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public Instant getListedAt() {
    return listedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getRevision() {
    return revision;
  }

  void propose(ListingText text, Instant now) {
    proposed = text;
    updatedAt = now;
  }

  void requested(String by, String review, Instant now) {
    status = ListingStatus.IN_REVIEW;
    requestedBy = by;
    processInstanceId = review;
    rejectCategory = null;
    rejectComment = null;
    updatedAt = now;
  }

  void decide(String action, String by, String review, String category, String comment) {
    decisionAction = action;
    decisionBy = by;
    decisionReview = review;
    decisionCategory = category;
    decisionComment = comment;
  }

  /** The decision recorded for this review, if it is {@code action}; consumed by the step that carries it out. */
  Decided decided(String action, String review) {
    if (!action.equals(decisionAction) || !review.equals(decisionReview)) {
      return null;
    }
    Decided d = new Decided(decisionBy, decisionCategory, decisionComment);
    decide(null, null, null, null, null);
    return d;
  }

  record Decided(String by, String category, String comment) {}

  void published(String by, Instant now) {
    published = proposed;
    proposed = null;
    listed = true;
    status = ListingStatus.LISTED;
    reviewer = by;
    if (listedAt == null) {
      listedAt = now;
    }
    processInstanceId = null;
    updatedAt = now;
  }

  void rejected(String by, String category, String comment, Instant now) {
    status = ListingStatus.REJECTED; // a public text from before stays public
    reviewer = by;
    rejectCategory = category;
    rejectComment = comment;
    processInstanceId = null;
    updatedAt = now;
  }

  void unlisted(Instant now) {
    listed = false;
    status = ListingStatus.UNLISTED;
    processInstanceId = null;
    listedAt = null;
    decide(null, null, null, null, null);
    updatedAt = now;
  }
}
