package org.pluginreview.lifecycle;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One uploaded version of a plugin. Only {@link VersionLifecycle} changes it, so every rule and every
 * history event lives in one place.
 */
@Entity
@Table(name = "plugin_version")
public class PluginVersion {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @NaturalId
  @Column(name = "plugin_id", nullable = false, updatable = false)
  private String pluginId;

  @NaturalId
  @Column(nullable = false, updatable = false)
  private String version;

  @Column(nullable = false, updatable = false)
  private int major;

  @Column(nullable = false, updatable = false)
  private int minor;

  @Column(nullable = false, updatable = false)
  private int patch;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private VersionStatus status;

  private boolean trial;

  @Column(name = "gray_percentage")
  private Integer grayPercentage;

  private String description;

  // lazy: the rules read a plugin's sibling versions, which need no packages; loaded in batches when shown
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "plugin_version_feature_package", joinColumns = @JoinColumn(name = "version_id"))
  @OrderColumn(name = "position")
  @Column(name = "name")
  private List<String> featurePackages = new ArrayList<>();

  @Embedded
  private BasicInfo basicInfo;

  @Column(name = "reject_category")
  private String rejectCategory;

  @Column(name = "reject_comment")
  private String rejectComment;

  @Column(name = "reject_findings")
  private String rejectFindings;

  /** When the owner expedited the current review; null if they did not. */
  @Column(name = "expedited_at")
  private Instant expeditedAt;

  /** The version's one appeal against its rejection; null while none was filed. */
  @Enumerated(EnumType.STRING)
  @Column(name = "appeal_state")
  private AppealState appealState;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "plugin_version_finding", joinColumns = @JoinColumn(name = "version_id"))
  @OrderColumn(name = "position")
  private List<Finding> findings = new ArrayList<>();

  private String submitter;
  private String reviewer;

  @Column(name = "process_instance_id")
  private String processInstanceId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "submitted_at")
  private Instant submittedAt;

  @Column(name = "reviewed_at")
  private Instant reviewedAt;

  @Column(name = "released_at")
  private Instant releasedAt;

  /**
   * The decision a person made by completing one of this version's review tasks, kept until the step
   * that acts on it: that step moves the record only for a decision of its own review process.
   */
  @Column(name = "decision")
  private String decision;

  @Column(name = "decision_by")
  private String decisionBy;

  @Column(name = "decision_review")
  private String decisionReview;

  @Column(name = "decision_percentage")
  private Integer decisionPercentage;

  @Column(name = "decision_category")
  private String decisionCategory;

  @Column(name = "decision_comment")
  private String decisionComment;

  @Column(name = "decision_findings")
  private String decisionFindings;

  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected PluginVersion() {}

  PluginVersion(String pluginId, VersionNumber number, Instant now) {
    this.pluginId = pluginId;
    this.version = number.toString();
    this.major = number.major();
    this.minor = number.minor();
    this.patch = number.patch();
    this.status = VersionStatus.DEVELOPMENT;
    this.createdAt = now;
    this.updatedAt = now;
    this.basicInfo = BasicInfo.EMPTY;
  }

  /** Changes with every change to the record; clients send it back in If-Match. */
  public long getRevision() {
    return lockVersion;
  }

  public VersionNumber number() {
    return new VersionNumber(major, minor, patch);
  }

  /** In review, approved or gray, or rejected with its appeal pending: what blocks submitting another version. */
  public boolean isInFlight() {
    return VersionStatus.IN_FLIGHT.contains(status) || appealState == AppealState.PENDING;
  }

  public Long getId() {
    return id;
  }

  public String getPluginId() {
    return pluginId;
  }

  public String getVersion() {
    return version;
  }

  public VersionStatus getStatus() {
    return status;
  }

  void setStatus(VersionStatus status) {
    this.status = status;
  }

  public boolean isTrial() {
    return trial;
  }

  void setTrial(boolean trial) {
    this.trial = trial;
  }

  public Instant getExpeditedAt() {
    return expeditedAt;
  }

  void setExpeditedAt(Instant expeditedAt) {
    this.expeditedAt = expeditedAt;
  }

  public AppealState getAppealState() {
    return appealState;
  }

  void setAppealState(AppealState appealState) {
    this.appealState = appealState;
  }

  public Integer getGrayPercentage() {
    return grayPercentage;
  }

  void setGrayPercentage(Integer grayPercentage) {
    this.grayPercentage = grayPercentage;
  }

  public String getDescription() {
    return description;
  }

  void setDescription(String description) {
    this.description = description;
  }

  public List<String> getFeaturePackages() {
    return List.copyOf(featurePackages);
  }

  void setFeaturePackages(List<String> packages) {
    featurePackages.clear();
    featurePackages.addAll(packages);
  }

  public BasicInfo getBasicInfo() {
    return basicInfo == null ? BasicInfo.EMPTY : basicInfo;
  }

  void setBasicInfo(BasicInfo basicInfo) {
    this.basicInfo = basicInfo;
  }

  public String getRejectCategory() {
    return rejectCategory;
  }

  public String getRejectComment() {
    return rejectComment;
  }

  void setRejection(String category, String comment, List<String> findings) {
    this.rejectCategory = category;
    this.rejectComment = comment;
    this.rejectFindings = findings == null || findings.isEmpty() ? null : String.join(",", findings);
  }

  /** The review standard items the last rejection cited. */
  public List<String> getRejectFindings() {
    return rejectFindings == null ? List.of() : List.of(rejectFindings.split(","));
  }

  public List<Finding> getFindings() {
    return List.copyOf(findings);
  }

  void setFindings(List<Finding> newFindings) {
    findings.clear();
    findings.addAll(newFindings);
  }

  public String getSubmitter() {
    return submitter;
  }

  void setSubmitter(String submitter) {
    this.submitter = submitter;
  }

  public String getReviewer() {
    return reviewer;
  }

  void setReviewer(String reviewer) {
    this.reviewer = reviewer;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  void setProcessInstanceId(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  public Instant getSubmittedAt() {
    return submittedAt;
  }

  void setSubmittedAt(Instant submittedAt) {
    this.submittedAt = submittedAt;
  }

  public Instant getReviewedAt() {
    return reviewedAt;
  }

  void setReviewedAt(Instant reviewedAt) {
    this.reviewedAt = reviewedAt;
  }

  public Instant getReleasedAt() {
    return releasedAt;
  }

  void setReleasedAt(Instant releasedAt) {
    this.releasedAt = releasedAt;
  }

  Decision decision() {
    return decision == null ? null : new Decision(Action.valueOf(decision), decisionBy, decisionReview,
        decisionPercentage, decisionCategory, decisionComment,
        decisionFindings == null ? List.of() : List.of(decisionFindings.split(",")));
  }

  void decide(Decision d) {
    decision = d == null ? null : d.action().name();
    decisionBy = d == null ? null : d.by();
    decisionReview = d == null ? null : d.review();
    decisionPercentage = d == null ? null : d.percentage();
    decisionCategory = d == null ? null : d.category();
    decisionComment = d == null ? null : d.comment();
    decisionFindings = d == null || d.findings().isEmpty() ? null : String.join(",", d.findings());
  }
}
