package org.pluginreview.review;

import java.util.Map;
import org.pluginreview.plugin.SelfCheckItem;

/**
 * The one place that spells the review process's key, message, element ids and variable names
 * (processes/plugin-version-review.bpmn uses the same strings).
 */
public final class ReviewProcess {

  public static final String KEY = "pluginVersionReview";
  public static final String MESSAGE_WITHDRAW = "withdrawReview";

  public static final String START = "start_versionSubmitted";
  public static final String MARK_SUBMITTED = "serviceTask_markSubmitted";
  public static final String USER_TASK_SELF_CHECK = "userTask_selfCheck";
  public static final String PRE_REVIEW = "serviceTask_preReview";
  public static final String GATEWAY_PRE_REVIEW = "gateway_preReviewPassed";
  public static final String RETURN_WITH_FINDINGS = "serviceTask_returnWithFindings";
  public static final String SEND_TO_REVIEW = "serviceTask_sendToReview";
  public static final String USER_TASK_REVIEW = "userTask_review";
  public static final String BOUNDARY_REVIEW_OVERDUE = "boundary_reviewOverdue";
  public static final String ESCALATE_REVIEW = "serviceTask_escalateReview";
  public static final String BOUNDARY_WITHDRAW_SELF_CHECK = "boundary_withdrawDuringSelfCheck";
  public static final String BOUNDARY_WITHDRAW_REVIEW = "boundary_withdrawDuringReview";
  public static final String WITHDRAW_VERSION = "serviceTask_withdrawVersion";
  public static final String GATEWAY_REVIEW_DECISION = "gateway_reviewDecision";
  public static final String APPROVE_VERSION = "serviceTask_approveVersion";
  public static final String REJECT_VERSION = "serviceTask_rejectVersion";
  public static final String USER_TASK_RELEASE_DECISION = "userTask_releaseDecision";
  public static final String START_GRAYSCALE = "serviceTask_startGrayscale";
  public static final String RAISE_GRAYSCALE = "serviceTask_raiseGrayscale";
  public static final String CANCEL_GRAYSCALE = "serviceTask_cancelGrayscale";
  public static final String RELEASE_VERSION = "serviceTask_releaseVersion";
  public static final String RETURN_TO_DEVELOPMENT = "serviceTask_returnToDevelopment";
  public static final String END_PRE_REVIEW_FAILED = "end_preReviewFailed";
  public static final String END_REVIEW_ESCALATED = "end_reviewEscalated";
  public static final String END_WITHDRAWN = "end_withdrawn";
  public static final String END_REJECTED = "end_rejected";
  public static final String END_RELEASED = "end_released";
  public static final String END_RETURNED = "end_returnedToDevelopment";

  /** Process variables: ids and decisions only, never entities. */
  public static final class Var {
    public static final String PLUGIN_ID = "pluginId";
    public static final String VERSION = "version";
    public static final String INITIATOR = "initiator";
    public static final String SUBMITTER = "submitter";
    public static final String PRE_REVIEW_PASSED = "preReviewPassed";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REJECT_CATEGORY = "rejectCategory";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String REVIEWER = "reviewer";
    public static final String RELEASE_DECISION = "releaseDecision";
    public static final String GRAY_PERCENTAGE = "grayPercentage";
    public static final String RELEASE_ACTOR = "releaseActor";

    private Var() {}
  }

  /**
   * Read-only details the task forms show, set on each task as it is created (task-local, so nothing a
   * form sends back outlives the task). Plain text only: the forms show them in input fields, never as HTML.
   */
  public static final class Detail {
    public static final String PLUGIN = "detailPlugin";
    public static final String VERSION = "detailVersion";
    public static final String STATUS = "detailStatus";
    public static final String GRAY_PERCENTAGE = "detailGrayPercentage";
    public static final String SUBMITTER = "detailSubmitter";
    public static final String DESCRIPTION = "detailDescription";
    public static final String FEATURE_PACKAGES = "detailFeaturePackages";
    public static final String NAME = "detailName";
    public static final String SUMMARY = "detailSummary";
    public static final String INFO_DESCRIPTION = "detailInfoDescription";
    public static final String CATEGORY = "detailCategory";
    public static final String CONTACT_EMAIL = "detailContactEmail";
    public static final String PERSONAL_DATA = "detailPersonalData";
    public static final String PRIVACY_POLICY_URL = "detailPrivacyPolicyUrl";
    public static final String SELF_CHECK = "detailSelfCheck";
    public static final String FINDINGS = "detailFindings";
    public static final String REJECTIONS = "detailRejections";

    private Detail() {}
  }

  /** Which details each task's form shows; only those are stored on the task. */
  public static final Map<String, java.util.Set<String>> FORM_DETAILS = Map.of(
      USER_TASK_SELF_CHECK, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.FEATURE_PACKAGES),
      USER_TASK_REVIEW, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.SUBMITTER, Detail.DESCRIPTION,
          Detail.FEATURE_PACKAGES, Detail.NAME, Detail.SUMMARY, Detail.INFO_DESCRIPTION, Detail.CATEGORY,
          Detail.CONTACT_EMAIL, Detail.PERSONAL_DATA, Detail.PRIVACY_POLICY_URL, Detail.SELF_CHECK, Detail.FINDINGS,
          Detail.REJECTIONS),
      USER_TASK_RELEASE_DECISION, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.STATUS,
          Detail.GRAY_PERCENTAGE));

  /** The self-check form's checkbox for each checklist item. */
  public static final Map<SelfCheckItem, String> SELF_CHECK_VARIABLES = Map.of(
      SelfCheckItem.FEATURE_PACKAGES, "checkFeaturePackages",
      SelfCheckItem.VERSION_INFO, "checkVersionInfo",
      SelfCheckItem.BASIC_INFO, "checkBasicInfo",
      SelfCheckItem.REVIEW_STANDARD, "checkReviewStandard",
      SelfCheckItem.TESTED, "checkTested");

  public enum ReviewDecision { APPROVE, REJECT }

  public enum ReleaseDecision { GO_LIVE, START_GRAY, RAISE_GRAY, CANCEL_GRAY, RETURN_TO_DEVELOPMENT }

  /** Raised on overdue review tasks so they sort first in the queue. */
  public static final int ESCALATED_PRIORITY = 80;

  public static String businessKey(String pluginId, String version) {
    return pluginId + ":" + version;
  }

  private ReviewProcess() {}
}
