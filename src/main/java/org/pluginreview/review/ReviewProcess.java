package org.pluginreview.review;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.pluginreview.lifecycle.ReleaseDecision;
import org.pluginreview.lifecycle.ReviewDecision;
import org.pluginreview.lifecycle.SelfCheckItem;
import org.pluginreview.lifecycle.VersionStatus;

/**
 * The one place that spells the review process's key, message, element ids and variable names with
 * their types (processes/plugin-version-review.bpmn and the forms use the same strings).
 */
public final class ReviewProcess {

  public static final String KEY = "pluginVersionReview";

  /** The shared Tasklist filters: the review queue, and everyone's own tasks. */
  public static final String FILTER_REVIEWS = "Plugin reviews";
  public static final String FILTER_MY_TASKS = "My tasks";
  public static final String FILTER_APPEALS = "Appeals";
  public static final String MESSAGE_WITHDRAW = "withdrawReview";
  /** The owner asks for a faster review; the review task stays open. */
  public static final String MESSAGE_EXPEDITE = "expediteReview";
  /** Starts an instance at the appeal: the owner asks a review lead to reverse the rejection. */
  public static final String MESSAGE_APPEAL = "appealFiled";

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
  public static final String BOUNDARY_EXPEDITE = "boundary_expediteReview";
  public static final String EXPEDITE_REVIEW = "serviceTask_expediteReview";
  public static final String END_REVIEW_EXPEDITED = "end_reviewExpedited";
  public static final String START_APPEAL = "start_appealFiled";
  public static final String FILE_APPEAL = "serviceTask_fileAppeal";
  public static final String USER_TASK_DECIDE_APPEAL = "userTask_decideAppeal";
  public static final String GATEWAY_APPEAL_DECISION = "gateway_appealDecision";
  public static final String UPHOLD_APPEAL = "serviceTask_upholdAppeal";
  public static final String DENY_APPEAL = "serviceTask_denyAppeal";
  public static final String END_APPEAL_DENIED = "end_appealDenied";

  /** A process variable: its name and the type of value it holds. */
  public record Variable<T>(String name, Class<T> type) {

    /** The value as the scope sees it (its own, else its parents'), or null if it is not of this type. */
    public T get(VariableScope scope) {
      Object value = scope.getVariable(name);
      return type.isInstance(value) ? type.cast(value) : null;
    }

    /** The value only if it is transient: passed with this very call, neither stored nor written beforehand. */
    public T getTransient(VariableScope scope) {
      TypedValue value = scope.getVariableTyped(name);
      return value != null && value.isTransient() && type.isInstance(value.getValue())
          ? type.cast(value.getValue()) : null;
    }

    public TypedValue typed(T value, boolean isTransient) {
      if (value instanceof Boolean b) {
        return Variables.booleanValue(b, isTransient);
      }
      if (value instanceof Long l) {
        return Variables.longValue(l, isTransient);
      }
      if (value == null || value instanceof String) {
        return Variables.stringValue((String) value, isTransient);
      }
      throw new IllegalArgumentException("No typed value for " + value.getClass());
    }

    public VariableMap put(VariableMap variables, T value) {
      return variables.putValueTyped(name, typed(value, false));
    }
  }

  /** Process variables: ids and decisions only, never entities. */
  public static final class Var {
    public static final Variable<String> PLUGIN_ID = new Variable<>("pluginId", String.class);
    public static final Variable<String> VERSION = new Variable<>("version", String.class);
    /** Set by the start event from the authenticated user who started the process. */
    public static final Variable<String> INITIATOR = new Variable<>("initiator", String.class);
    /** The assignee of the submitter's tasks, set by the first step from the authenticated starter. */
    public static final Variable<String> SUBMITTER = new Variable<>("submitter", String.class);
    public static final Variable<Boolean> PRE_REVIEW_PASSED = new Variable<>("preReviewPassed", Boolean.class);
    /** A {@link ReviewDecision} name; the review gateway routes on it. */
    public static final Variable<String> REVIEW_DECISION = new Variable<>("reviewDecision", String.class);
    public static final Variable<String> REJECT_CATEGORY = new Variable<>("rejectCategory", String.class);
    public static final Variable<String> REVIEW_COMMENT = new Variable<>("reviewComment", String.class);
    /** A {@link ReleaseDecision} name; the release gateway routes on it. */
    public static final Variable<String> RELEASE_DECISION = new Variable<>("releaseDecision", String.class);
    /** A whole number from a client; a Camunda Form's number field may send a double. */
    public static final Variable<Object> GRAY_PERCENTAGE = new Variable<>("grayPercentage", Object.class);
    /** Review standard item ids a rejection cites, comma-separated (a form's text field sends them so). */
    public static final Variable<String> REVIEW_FINDINGS = new Variable<>("reviewFindings", String.class);
    /** Why the owner asks: honoured only as a transient variable of the expedite or appeal call itself. */
    public static final Variable<String> REASON = new Variable<>("reason", String.class);
    /** An {@link org.pluginreview.lifecycle.AppealDecision} name; the appeal gateway routes on it. */
    public static final Variable<String> APPEAL_DECISION = new Variable<>("appealDecision", String.class);
    public static final Variable<String> APPEAL_COMMENT = new Variable<>("appealComment", String.class);
    /** The revision the client read (If-Match); honoured only as a transient variable of the same call. */
    public static final Variable<Long> EXPECTED_REVISION = new Variable<>("expectedRevision", Long.class);

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
    public static final String REJECTIONS = "detailRejections";
    public static final String CHANGES = "detailChanges";
    /**
     * The release decisions the rules allow now, comma-separated {@link org.pluginreview.lifecycle.ReleaseDecision}
     * names: the release form offers only these. It only narrows what the form shows; the transition checks again.
     */
    public static final String RELEASE_CHOICES = "detailReleaseChoices";
    /** What the pre-review would find now, in words, so the self-check form warns before it fails; empty when nothing. */
    public static final String PRE_REVIEW_WARNING = "detailPreReviewWarning";
    /** The review standard's items, for a rejection to cite. */
    public static final String STANDARD = "detailStandard";
    /** On an expedited review's card and form: that it is expedited, and why. */
    public static final String EXPEDITED = "detailExpedited";
    /** The owner's reason for the appeal. */
    public static final String APPEAL = "detailAppeal";
    /** The version's conversation since its rejection. */
    public static final String CONVERSATION = "detailConversation";

    private Detail() {}
  }

  /** Which details each task's form shows; only those are stored on the task. */
  public static final Map<String, java.util.Set<String>> FORM_DETAILS = Map.of(
      USER_TASK_SELF_CHECK, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.FEATURE_PACKAGES,
          Detail.PRE_REVIEW_WARNING),
      USER_TASK_REVIEW, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.SUBMITTER, Detail.DESCRIPTION,
          Detail.FEATURE_PACKAGES, Detail.NAME, Detail.SUMMARY, Detail.INFO_DESCRIPTION, Detail.CATEGORY,
          Detail.CONTACT_EMAIL, Detail.PERSONAL_DATA, Detail.PRIVACY_POLICY_URL, Detail.SELF_CHECK, Detail.REJECTIONS,
          Detail.CHANGES, Detail.STANDARD),
      USER_TASK_DECIDE_APPEAL, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.SUBMITTER, Detail.REJECTIONS,
          Detail.APPEAL, Detail.CONVERSATION),
      ConversationProcess.USER_TASK_ANSWER, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.CONVERSATION),
      USER_TASK_RELEASE_DECISION, java.util.Set.of(Detail.PLUGIN, Detail.VERSION, Detail.STATUS,
          Detail.GRAY_PERCENTAGE, Detail.RELEASE_CHOICES));

  /** How the forms name the checklist items and reject reasons, in English and Chinese; the API keeps the codes. */
  public static final Map<SelfCheckItem, String> SELF_CHECK_LABELS = Map.of(
      SelfCheckItem.FEATURE_PACKAGES, "The feature packages are added (已添加功能包)",
      SelfCheckItem.VERSION_INFO, "Version info checked: the version number can no longer change (已检查版本信息，提交后版本号不可更改)",
      SelfCheckItem.BASIC_INFO, "Basic info checked (已检查基本信息)",
      SelfCheckItem.REVIEW_STANDARD, "The content follows the review standard (内容符合审核规范)",
      SelfCheckItem.TESTED, "Tested as a trial version (已作为体验版测试)");
  public static final Map<VersionStatus, String> STATUS_LABELS = Map.of(
      VersionStatus.DEVELOPMENT, "In development (开发版)", VersionStatus.SELF_CHECK, "Self-check (自检中)",
      VersionStatus.AUDITING, "Under review (审核中)", VersionStatus.AUDIT_REJECTED, "Review rejected (审核驳回)",
      VersionStatus.APPROVED, "Approved (审核通过)", VersionStatus.GRAY, "Grayscale test (灰度中)",
      VersionStatus.RELEASED, "Live (线上版)", VersionStatus.OFFLINE, "Offline (已下线)");
  public static final Map<String, String> FINDING_LABELS = Map.of(
      "FEATURE_PACKAGES_MISSING", "Add at least one feature package (请至少添加一个功能包)",
      "BASIC_INFO_NAME_MISSING", "Give the basic info a name (请填写名称)",
      "BASIC_INFO_SUMMARY_MISSING", "Give the basic info a summary (请填写简介)",
      "BASIC_INFO_DESCRIPTION_MISSING", "Give the basic info a description (请填写描述)",
      "BASIC_INFO_CATEGORY_MISSING", "Give the basic info a category (请填写类目)",
      "BASIC_INFO_CONTACT_MISSING", "Give the basic info a contact email (请填写联系邮箱)",
      "PRIVACY_POLICY_URL_REQUIRED",
      "The plugin uses personal data, so it needs a privacy-policy URL starting with https:// (使用个人信息需填写隐私政策链接)");
  public static final Map<String, String> REASON_LABELS = Map.of(
      "FUNCTIONALITY", "Functionality (功能问题)", "CONTENT", "Content (内容问题)",
      "PRIVACY_SECURITY", "Privacy and security (隐私与安全)", "INFORMATION", "Information (信息不全)",
      "OTHER", "Other (其他)");

  /** The self-check form's checkbox for each checklist item. */
  public static final Map<SelfCheckItem, Variable<Boolean>> SELF_CHECK_VARIABLES = Map.of(
      SelfCheckItem.FEATURE_PACKAGES, new Variable<>("checkFeaturePackages", Boolean.class),
      SelfCheckItem.VERSION_INFO, new Variable<>("checkVersionInfo", Boolean.class),
      SelfCheckItem.BASIC_INFO, new Variable<>("checkBasicInfo", Boolean.class),
      SelfCheckItem.REVIEW_STANDARD, new Variable<>("checkReviewStandard", Boolean.class),
      SelfCheckItem.TESTED, new Variable<>("checkTested", Boolean.class));

  /**
   * What each task's completion decides. A task's creation clears them, so what the gateway after it
   * routes on can only come from that task's own completion.
   */
  public static final Map<String, List<Variable<?>>> TASK_DECISIONS = Map.of(
      USER_TASK_SELF_CHECK, List.copyOf(SELF_CHECK_VARIABLES.values()),
      USER_TASK_REVIEW, List.of(Var.REVIEW_DECISION, Var.REJECT_CATEGORY, Var.REVIEW_COMMENT, Var.REVIEW_FINDINGS),
      USER_TASK_DECIDE_APPEAL, List.of(Var.APPEAL_DECISION, Var.APPEAL_COMMENT),
      ConversationProcess.USER_TASK_ANSWER, List.of(ConversationProcess.Var.ANSWER),
      USER_TASK_RELEASE_DECISION, List.of(Var.RELEASE_DECISION, Var.GRAY_PERCENTAGE));

  /**
   * Each user task's name in Tasklist starts with this and ends with the plugin and version it is about
   * ("Review weather 1.1.0"); the model keeps its general names.
   */
  public static final Map<String, String> TASK_NAMES = Map.of(
      USER_TASK_SELF_CHECK, "Self-check",
      USER_TASK_REVIEW, "Review",
      USER_TASK_RELEASE_DECISION, "Release",
      USER_TASK_DECIDE_APPEAL, "Appeal",
      ConversationProcess.USER_TASK_ANSWER, "Answer");

  public static String taskName(String taskDefinitionKey, String pluginId, String version) {
    return TASK_NAMES.get(taskDefinitionKey) + " " + pluginId + " " + version;
  }

  /** What each card in the shared Tasklist filters shows: task-local details, which readers of the task may read. */
  public static final List<Map.Entry<String, String>> CARD_VARIABLES = List.of(
      Map.entry(Detail.PLUGIN, "Plugin"), Map.entry(Detail.VERSION, "Version"), Map.entry(Detail.SUBMITTER, "Submitter"),
      Map.entry(Detail.EXPEDITED, "Expedited"));

  /** Raised on overdue review tasks so they sort first in the queue. */
  public static final int ESCALATED_PRIORITY = 80;
  /** Raised on expedited review tasks: before overdue ones, which are late already but not urgent. */
  public static final int EXPEDITED_PRIORITY = 90;


  public static String businessKey(String pluginId, String version) {
    return pluginId + ":" + version;
  }

  private ReviewProcess() {}
}
