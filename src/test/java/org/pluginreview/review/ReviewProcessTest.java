package org.pluginreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pluginreview.support.Users.DEV1;
import static org.pluginreview.support.Users.DUAL;
import static org.pluginreview.support.Users.LEAD1;
import static org.pluginreview.support.Users.REVIEWER1;
import static org.pluginreview.support.Users.REVIEWER2;
import static org.pluginreview.support.Users.as;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.review.ReviewCommands;
import org.pluginreview.plugin.PluginViews.Event;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.lifecycle.VersionEvent;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.support.Fixtures;
import org.pluginreview.support.FullProcessCoverage;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of processes/plugin-version-review.bpmn, driven the way people drive it (the version
 * service behind /api, or task completion as Tasklist does), with the record checked at each step.
 * The coverage listener fails the class below 100% of flow nodes and sequence flows.
 */
@SpringBootTest(properties = "camunda.bpm.process-engine-name=processTest") // beside the HTTP tests' "default"
@ActiveProfiles("test")
@Import({FullProcessCoverage.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ReviewProcessTest {

  @Autowired PluginCatalog catalog;
  @Autowired ReviewCommands commands;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired FormService formService;

  @BeforeEach
  void useThisEngine() {
    BpmnAwareTests.init(engine);
  }

  // ------------------------------------------------------------------ happy path

  @Test
  void approvedVersionGoesLive() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");

    ProcessInstance pi = submit(pluginId, "1.0.0");
    assertThat(pi).isWaitingAt(ReviewProcess.USER_TASK_SELF_CHECK).task().isAssignedTo("dev1");
    assertThat(engine.getTaskService().getVariableLocal(task(pi).getId(), ReviewProcess.Detail.PRE_REVIEW_WARNING))
        .as("nothing to warn about").isEqualTo("");
    assertThat(pi).hasBusinessKey(pluginId + ":1.0.0");
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.SELF_CHECK);

    selfCheck(pluginId, "1.0.0");
    assertThat(pi).hasPassed(ReviewProcess.PRE_REVIEW, ReviewProcess.SEND_TO_REVIEW)
        .isWaitingAt(ReviewProcess.USER_TASK_REVIEW).task().hasCandidateGroup("reviewers");
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.AUDITING);
    assertThat(engine.getTaskService().getVariableLocal(task(pi).getId(), ReviewProcess.Detail.VERSION))
        .isEqualTo("1.0.0");

    as(identity, REVIEWER1, () -> commands.review(REVIEWER1, pluginId, "1.0.0", "APPROVE", null, "looks good", null));
    assertThat(pi).hasPassed(ReviewProcess.APPROVE_VERSION).isWaitingAt(ReviewProcess.USER_TASK_RELEASE_DECISION);
    // the forms' detail copies leave no history rows; the decisions do
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .list()).extracting(v -> v.getName())
        .contains(ReviewProcess.Var.REVIEW_DECISION.name(), ReviewProcess.Var.SUBMITTER.name())
        .doesNotContainAnyElementsOf(SkipTaskDetailHistory.DETAIL_VARIABLES);
    VersionDetails approved = version(pluginId, "1.0.0");
    assertThat(approved.status()).isEqualTo(VersionStatus.APPROVED);
    assertThat(approved.reviewer()).isEqualTo("reviewer1");
    // with no live version to compare against, the release form offers no grayscale
    assertThat(releaseChoices(pi)).isEqualTo("GO_LIVE,RETURN_TO_DEVELOPMENT");

    as(identity, DEV1, () -> commands.release(DEV1, pluginId, "1.0.0", null));
    assertThat(pi).hasPassed(ReviewProcess.RELEASE_VERSION).isEnded().hasPassed(ReviewProcess.END_RELEASED);
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.RELEASED);
    assertThat(history(pluginId, "1.0.0")).extracting(Event::action).containsExactly(
        VersionEvent.Type.UPLOADED, VersionEvent.Type.SUBMITTED, VersionEvent.Type.SELF_CHECK_CONFIRMED,
        VersionEvent.Type.PRE_REVIEW_PASSED, VersionEvent.Type.APPROVED, VersionEvent.Type.RELEASED);
  }

  @Test
  void rejectedVersionCanBeResubmitted() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    ProcessInstance first = submit(pluginId, "1.0.0");
    selfCheck(pluginId, "1.0.0");

    // as Tasklist does it: the reviewer claims and completes the task with the form's variables
    as(identity, REVIEWER1, () -> {
      engine.getTaskService().claim(task(first).getId(), "reviewer1");
      complete(task(first), withVariables(ReviewProcess.Var.REVIEW_DECISION.name(), "REJECT",
          ReviewProcess.Var.REJECT_CATEGORY.name(), "CONTENT", ReviewProcess.Var.REVIEW_COMMENT.name(), "Screenshots are missing"));
    });
    assertThat(first).hasPassed(ReviewProcess.REJECT_VERSION, ReviewProcess.END_REJECTED).isEnded();
    VersionDetails rejected = version(pluginId, "1.0.0");
    assertThat(rejected.status()).isEqualTo(VersionStatus.AUDIT_REJECTED);
    assertThat(rejected.lastRejection().reasonCategory()).isEqualTo("CONTENT");
    assertThat(rejected.lastRejection().comment()).isEqualTo("Screenshots are missing");

    ProcessInstance second = submit(pluginId, "1.0.0");
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(second).isWaitingAt(ReviewProcess.USER_TASK_SELF_CHECK);
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.SELF_CHECK);
  }

  @Test
  void versionWithdrawnDuringSelfCheckReturnsToDevelopment() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    ProcessInstance pi = submit(pluginId, "1.0.0");

    as(identity, DEV1, () -> commands.withdraw(DEV1, pluginId, "1.0.0", null));
    assertThat(pi).hasPassed(ReviewProcess.BOUNDARY_WITHDRAW_SELF_CHECK, ReviewProcess.WITHDRAW_VERSION,
        ReviewProcess.END_WITHDRAWN).isEnded();
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.DEVELOPMENT);
  }

  @Test
  void versionWithdrawnDuringReviewReturnsToDevelopment() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    ProcessInstance pi = submit(pluginId, "1.0.0");
    selfCheck(pluginId, "1.0.0");

    as(identity, DEV1, () -> commands.withdraw(DEV1, pluginId, "1.0.0", null));
    assertThat(pi).hasPassed(ReviewProcess.BOUNDARY_WITHDRAW_REVIEW, ReviewProcess.WITHDRAW_VERSION).isEnded();
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.DEVELOPMENT);
    assertThat(history(pluginId, "1.0.0")).last().extracting(Event::action, Event::from, Event::to)
        .containsExactly(VersionEvent.Type.WITHDRAWN, VersionStatus.AUDITING, VersionStatus.DEVELOPMENT);
  }

  @Test
  void failedPreReviewReturnsVersionWithFindings() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    as(identity, DEV1, () -> catalog.upload(DEV1, pluginId, new org.pluginreview.plugin.PluginRequests.UploadVersion(
        "1.0.0", null, List.of("core"), new org.pluginreview.plugin.PluginRequests.BasicInfoInput(
            "Name", null, "desc", "tools", "a@b.example", true, "http://insecure.example/privacy"))));
    ProcessInstance pi = submit(pluginId, "1.0.0");
    // the self-check form warns in words before the pre-review fails
    assertThat((String) engine.getTaskService().getVariableLocal(task(pi).getId(), ReviewProcess.Detail.PRE_REVIEW_WARNING))
        .startsWith("The automatic pre-review will send this version back")
        .contains("• Give the basic info a summary (请填写简介)", "privacy-policy URL starting with https://")
        .doesNotContain("PRIVACY_POLICY_URL_REQUIRED");
    selfCheck(pluginId, "1.0.0");

    assertThat(pi).hasPassed(ReviewProcess.PRE_REVIEW, ReviewProcess.RETURN_WITH_FINDINGS,
        ReviewProcess.END_PRE_REVIEW_FAILED).hasNotPassed(ReviewProcess.USER_TASK_REVIEW).isEnded();
    VersionDetails back = version(pluginId, "1.0.0");
    assertThat(back.status()).isEqualTo(VersionStatus.DEVELOPMENT);
    assertThat(back.findings()).extracting(f -> f.code())
        .containsExactly("BASIC_INFO_SUMMARY_MISSING", "PRIVACY_POLICY_URL_REQUIRED");
  }

  // ------------------------------------------------------------------ after approval

  @Test
  void grayscaleStartsRaisesCancelsAndGoesLive() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    live(pluginId, "1.0.0");
    ProcessInstance pi = approved(pluginId, "1.1.0");
    assertThat(releaseChoices(pi)).isEqualTo("GO_LIVE,START_GRAY,RETURN_TO_DEVELOPMENT");

    as(identity, DEV1, () -> commands.gray(DEV1, pluginId, "1.1.0", IntNode.valueOf(5), null));
    assertThat(pi).hasPassed(ReviewProcess.START_GRAYSCALE).isWaitingAt(ReviewProcess.USER_TASK_RELEASE_DECISION);
    assertThat(releaseChoices(pi)).isEqualTo("GO_LIVE,RAISE_GRAY,CANCEL_GRAY,RETURN_TO_DEVELOPMENT");
    assertThat(version(pluginId, "1.1.0")).extracting(VersionDetails::status, VersionDetails::grayPercentage)
        .containsExactly(VersionStatus.GRAY, 5);

    as(identity, DEV1, () -> commands.gray(DEV1, pluginId, "1.1.0", IntNode.valueOf(30), null));
    assertThat(pi).hasPassed(ReviewProcess.RAISE_GRAYSCALE);
    assertThat(version(pluginId, "1.1.0").grayPercentage()).isEqualTo(30);

    as(identity, DEV1, () -> commands.cancelGray(DEV1, pluginId, "1.1.0", null));
    assertThat(pi).hasPassed(ReviewProcess.CANCEL_GRAYSCALE).isWaitingAt(ReviewProcess.USER_TASK_RELEASE_DECISION);
    assertThat(version(pluginId, "1.1.0")).extracting(VersionDetails::status, VersionDetails::grayPercentage)
        .containsExactly(VersionStatus.APPROVED, null);

    // Tasklist's generated form for the release decision
    as(identity, DEV1, () -> formService.submitTaskForm(task(pi).getId(), Map.of(
        ReviewProcess.Var.RELEASE_DECISION.name(), "START_GRAY", ReviewProcess.Var.GRAY_PERCENTAGE.name(), 50L)));
    assertThat(status(pluginId, "1.1.0")).isEqualTo(VersionStatus.GRAY);

    as(identity, DEV1, () -> commands.release(DEV1, pluginId, "1.1.0", null));
    assertThat(pi).hasPassed(ReviewProcess.RELEASE_VERSION).isEnded();
    assertThat(version(pluginId, "1.1.0")).extracting(VersionDetails::status, VersionDetails::grayPercentage)
        .containsExactly(VersionStatus.RELEASED, null);
  }

  @Test
  void approvedVersionReturnsToDevelopment() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    ProcessInstance pi = approved(pluginId, "1.0.0");

    as(identity, DEV1, () -> commands.returnToDevelopment(DEV1, pluginId, "1.0.0", null));
    assertThat(pi).hasPassed(ReviewProcess.RETURN_TO_DEVELOPMENT, ReviewProcess.END_RETURNED).isEnded();
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.DEVELOPMENT);
  }

  @Test
  void grayVersionReturnsToDevelopment() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    live(pluginId, "1.0.0");
    ProcessInstance pi = approved(pluginId, "1.1.0");
    as(identity, DEV1, () -> commands.gray(DEV1, pluginId, "1.1.0", IntNode.valueOf(10), null));

    as(identity, DEV1, () -> commands.returnToDevelopment(DEV1, pluginId, "1.1.0", null));
    assertThat(pi).hasPassed(ReviewProcess.RETURN_TO_DEVELOPMENT).isEnded();
    assertThat(version(pluginId, "1.1.0")).extracting(VersionDetails::status, VersionDetails::grayPercentage)
        .containsExactly(VersionStatus.DEVELOPMENT, null);
  }

  @Test
  void goingLiveTakesThePreviousLiveVersionOffline() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    live(pluginId, "1.0.0");
    approved(pluginId, "2.0.0");

    as(identity, DEV1, () -> commands.release(DEV1, pluginId, "2.0.0", null));
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.OFFLINE);
    assertThat(status(pluginId, "2.0.0")).isEqualTo(VersionStatus.RELEASED);
    assertThat(history(pluginId, "1.0.0")).last().extracting(Event::action, Event::actor, Event::comment)
        .containsExactly(VersionEvent.Type.TAKEN_OFFLINE, "dev1", "superseded by 2.0.0");
  }

  // ------------------------------------------------------------------ overdue reviews

  @Test
  void overdueReviewIsEscalatedToLeadsAndStaysOpen() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    ProcessInstance pi = submit(pluginId, "1.0.0");
    selfCheck(pluginId, "1.0.0");
    assertThat(job(pi).getDuedate()).isInTheFuture(); // the overdue timer is armed
    assertThat(task(pi).getPriority()).isEqualTo(50);

    execute(job(pi)); // the SLA passes: the timer fires
    assertThat(pi).isWaitingAt(ReviewProcess.USER_TASK_REVIEW, ReviewProcess.ESCALATE_REVIEW);
    execute(job(pi)); // the escalation step runs in a job of its own, so a failure there is retried

    assertThat(pi).hasPassed(ReviewProcess.END_REVIEW_ESCALATED).isWaitingAt(ReviewProcess.USER_TASK_REVIEW);
    Task review = task(pi);
    assertThat(review.getPriority()).isEqualTo(ReviewProcess.ESCALATED_PRIORITY);
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
        .extracting(IdentityLink::getGroupId).contains("reviewers", "review-leads");
    assertThat(history(pluginId, "1.0.0")).last().extracting(Event::action, Event::actor)
        .containsExactly(VersionEvent.Type.REVIEW_ESCALATED, "system");

    // still an ordinary review: a lead may decide it
    as(identity, LEAD1, () -> commands.review(LEAD1, pluginId, "1.0.0", "APPROVE", null, null, null));
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.APPROVED);
  }

  // ------------------------------------------------------------------ expedite, appeal, conversation

  @Test
  void anExpeditedReviewGoesUpTheQueueWithItsReasonOnTheCardAndComesDueSooner() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    ProcessInstance pi = submit(pluginId, "1.0.0");
    selfCheck(pluginId, "1.0.0");
    Task before = task(pi);

    as(identity, DEV1, () -> commands.expedite(DEV1, pluginId, "1.0.0", "Launch on Friday"));
    assertThat(pi).hasPassed(ReviewProcess.EXPEDITE_REVIEW, ReviewProcess.END_REVIEW_EXPEDITED)
        .isWaitingAt(ReviewProcess.USER_TASK_REVIEW);
    Task review = task(pi);
    assertThat(review.getId()).as("the same review, still open").isEqualTo(before.getId());
    assertThat(review.getPriority()).isEqualTo(ReviewProcess.EXPEDITED_PRIORITY);
    java.time.Instant due = before.getCreateTime().toInstant().plus(java.time.Duration.ofHours(8));
    assertThat(review.getDueDate().toInstant()).isEqualTo(due);
    assertThat(job(pi).getDuedate().toInstant()).as("the overdue timer comes forward too").isEqualTo(due);
    assertThat(engine.getTaskService().getVariableLocal(review.getId(), ReviewProcess.Detail.EXPEDITED))
        .isEqualTo("Expedited (加急): Launch on Friday");
    assertThat(history(pluginId, "1.0.0")).last().extracting(Event::action, Event::comment)
        .containsExactly(VersionEvent.Type.EXPEDITED, "Launch on Friday");

    ApiException again = catchApi(() -> as(identity, DEV1,
        () -> commands.expedite(DEV1, pluginId, "1.0.0", "Sooner still")));
    assertThat(again.code()).isEqualTo(ErrorCode.ILLEGAL_STATE);
    // the message straight to the engine, as engine-rest would send it: the developer may not
    assertThatThrownBy(() -> as(identity, DEV1, () -> runtimeService.createMessageCorrelation(
        ReviewProcess.MESSAGE_EXPEDITE).processInstanceId(pi.getId())
        .setVariable(ReviewProcess.Var.REASON.name(), "stored").correlateWithResult()))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void anAppealIsDecidedByALeadWhoReversesTheRejectionAndTheVersionGoesOnToRelease() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    submit(pluginId, "1.0.0");
    selfCheck(pluginId, "1.0.0");
    as(identity, REVIEWER1, () -> commands.review(REVIEWER1, pluginId, "1.0.0", "REJECT", "PRIVACY_SECURITY",
        "No privacy policy", List.of("2.1"), null));
    assertThat(version(pluginId, "1.0.0").lastRejection().findings()).extracting(c -> c.item() + " " + c.title())
        .containsExactly("2.1 Privacy policy required");

    String appealId = as(identity, DEV1, () -> commands.appeal(DEV1, pluginId, "1.0.0",
        "The plugin collects no personal data")).processInstanceId();
    ProcessInstance appeal = runtimeService.createProcessInstanceQuery().processInstanceId(appealId).singleResult();
    assertThat(appeal).hasPassed(ReviewProcess.START_APPEAL, ReviewProcess.FILE_APPEAL)
        .isWaitingAt(ReviewProcess.USER_TASK_DECIDE_APPEAL).task().hasCandidateGroup("review-leads")
        .hasName("Appeal " + pluginId + " 1.0.0");
    assertThat(appeal).hasBusinessKey(pluginId + ":1.0.0");
    Task decide = task(appeal);
    assertThat((String) engine.getTaskService().getVariableLocal(decide.getId(), ReviewProcess.Detail.APPEAL))
        .contains("The plugin collects no personal data");
    assertThat((String) engine.getTaskService().getVariableLocal(decide.getId(), ReviewProcess.Detail.CONVERSATION))
        .contains("reviewer1 rejected it", "2.1 Privacy policy required");
    // the reviewer who rejected it does not see the appeal
    assertThat(as(identity, REVIEWER1, () -> engine.getTaskService().createTaskQuery().processInstanceId(appealId)
        .count())).isZero();

    as(identity, LEAD1, () -> complete(decide, withVariables(ReviewProcess.Var.APPEAL_DECISION.name(), "UPHOLD",
        ReviewProcess.Var.APPEAL_COMMENT.name(), "Right: nothing personal is collected")));
    assertThat(appeal).hasPassed(ReviewProcess.UPHOLD_APPEAL).isWaitingAt(ReviewProcess.USER_TASK_RELEASE_DECISION)
        .task().isAssignedTo("dev1");
    VersionDetails approved = version(pluginId, "1.0.0");
    assertThat(approved.status()).isEqualTo(VersionStatus.APPROVED);
    assertThat(approved.reviewer()).isEqualTo("lead1");

    as(identity, DEV1, () -> commands.release(DEV1, pluginId, "1.0.0", null));
    assertThat(appeal).hasPassed(ReviewProcess.RELEASE_VERSION).isEnded();
    assertThat(history(pluginId, "1.0.0")).extracting(Event::action).containsSubsequence(VersionEvent.Type.REJECTED,
        VersionEvent.Type.APPEALED, VersionEvent.Type.APPEAL_UPHELD, VersionEvent.Type.RELEASED);
  }

  @Test
  void aDeniedAppealKeepsTheRejectionAndTheVersionIsWorkedOnAgain() {
    String pluginId = rejectedByReviewer1();
    String appealId = as(identity, DEV1, () -> commands.appeal(DEV1, pluginId, "1.0.0", "It is quiet")).processInstanceId();
    ProcessInstance appeal = runtimeService.createProcessInstanceQuery().processInstanceId(appealId).singleResult();

    as(identity, LEAD1, () -> complete(task(appeal), withVariables(ReviewProcess.Var.APPEAL_DECISION.name(), "DENY",
        ReviewProcess.Var.APPEAL_COMMENT.name(), "The rejection stands")));
    assertThat(appeal).hasPassed(ReviewProcess.DENY_APPEAL, ReviewProcess.END_APPEAL_DENIED).isEnded();
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.AUDIT_REJECTED);
    ApiException twice = catchApi(() -> as(identity, DEV1, () -> commands.appeal(DEV1, pluginId, "1.0.0", "again")));
    assertThat(twice.code()).isEqualTo(ErrorCode.ILLEGAL_STATE);
    assertThat(submit(pluginId, "1.0.0")).isWaitingAt(ReviewProcess.USER_TASK_SELF_CHECK);
  }

  @Test
  void aDevelopersMessagePutsAnAnswerInTheRejectingReviewersTasklist() {
    String pluginId = rejectedByReviewer1();

    as(identity, DEV1, () -> commands.postMessage(DEV1, pluginId, "1.0.0", "Which screen is too loud?"));
    ProcessInstance talk = runtimeService.createProcessInstanceQuery().processDefinitionKey(ConversationProcess.KEY)
        .processInstanceBusinessKey(pluginId + ":1.0.0").singleResult();
    assertThat(talk).isWaitingAt(ConversationProcess.USER_TASK_ANSWER).task().isAssignedTo("reviewer1")
        .hasName("Answer " + pluginId + " 1.0.0");
    as(identity, DEV1, () -> commands.postMessage(DEV1, pluginId, "1.0.0", "And is the intro fine?"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ConversationProcess.KEY)
        .processInstanceBusinessKey(pluginId + ":1.0.0").count()).as("one open answer per version").isOne();
    assertThat((String) engine.getTaskService().getVariableLocal(task(talk).getId(), ReviewProcess.Detail.CONVERSATION))
        .contains("Which screen is too loud?", "And is the intro fine?");

    as(identity, REVIEWER1, () -> complete(task(talk), withVariables(ConversationProcess.Var.ANSWER.name(),
        "The start screen; the intro is fine")));
    assertThat(talk).hasPassed(ConversationProcess.END_ANSWERED).isEnded();
    List<org.pluginreview.plugin.PluginViews.Message> thread = as(identity, DEV1,
        () -> catalog.conversation(DEV1, pluginId, "1.0.0"));
    assertThat(thread).extracting(m -> m.kind() + " " + m.author()).containsExactly("REJECTED reviewer1",
        "MESSAGE_POSTED dev1", "MESSAGE_POSTED dev1", "MESSAGE_POSTED reviewer1");
    assertThat(thread.get(3).text()).isEqualTo("The start screen; the intro is fine");
  }

  // ------------------------------------------------------------------ rules enforced in the engine

  @Test
  void tasklistCompletionObeysTheSameRulesAsTheApi() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    ProcessInstance pi = submit(pluginId, "1.0.0");

    Task selfCheck = task(pi);
    ApiException incomplete = catchApi(() -> as(identity, DEV1, () -> complete(selfCheck,
        withVariables("checkFeaturePackages", true, "checkVersionInfo", true))));
    assertThat(incomplete.code()).isEqualTo(ErrorCode.SELF_CHECK_INCOMPLETE);
    assertThat(pi).isWaitingAt(ReviewProcess.USER_TASK_SELF_CHECK);
    selfCheck(pluginId, "1.0.0");

    Task review = task(pi);
    // a developer is no candidate of the review: Camunda's authorization refuses before our rules run
    assertThatThrownBy(() -> as(identity, DEV1, () -> complete(review,
        withVariables(ReviewProcess.Var.REVIEW_DECISION.name(), "APPROVE")))).isInstanceOf(AuthorizationException.class);
    ApiException noReason = catchApi(() -> as(identity, REVIEWER2, () -> complete(review,
        withVariables(ReviewProcess.Var.REVIEW_DECISION.name(), "REJECT"))));
    assertThat(noReason.code()).isEqualTo(ErrorCode.REJECT_REASON_REQUIRED);
    assertThat(pi).isWaitingAt(ReviewProcess.USER_TASK_REVIEW);
    assertThat(status(pluginId, "1.0.0")).isEqualTo(VersionStatus.AUDITING);
  }

  @Test
  void nobodyReviewsTheirOwnSubmissionEvenAsAReviewer() {
    Fixtures.ensureUser(identity, DUAL);
    String pluginId = Fixtures.newPlugin(catalog, identity, DUAL);
    Fixtures.upload(catalog, identity, DUAL, pluginId, "1.0.0");
    String pid = as(identity, DUAL, () -> commands.submit(DUAL, pluginId, "1.0.0", null)).processInstanceId();
    as(identity, DUAL, () -> commands.selfCheck(DUAL, pluginId, "1.0.0", Fixtures.ALL_ITEMS, null));
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult();

    // the engine hides the task from its submitter and refuses them work on it, whatever their groups
    Task review = task(pi);
    assertThat(as(identity, DUAL, () -> engine.getTaskService().createTaskQuery().processInstanceId(pid).count()))
        .isZero();
    assertThat(as(identity, REVIEWER1, () -> engine.getTaskService().createTaskQuery().processInstanceId(pid)
        .count())).isOne();
    assertThatThrownBy(() -> as(identity, DUAL, () -> complete(review,
        withVariables(ReviewProcess.Var.REVIEW_DECISION.name(), "APPROVE"))))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as(identity, DUAL, () -> engine.getTaskService().claim(review.getId(), "dual")))
        .isInstanceOf(AuthorizationException.class);
    // our API completes past the engine's checks, and the review's own rule still refuses

    ApiException inApi = catchApi(() -> as(identity, DUAL,
        () -> commands.review(DUAL, pluginId, "1.0.0", "APPROVE", null, null, null)));
    assertThat(inApi.code()).isEqualTo(ErrorCode.SELF_REVIEW_FORBIDDEN);
    assertThat(pi).isWaitingAt(ReviewProcess.USER_TASK_REVIEW);
    assertThat(as(identity, DUAL, () -> catalog.version(DUAL, pluginId, "1.0.0")).status())
        .isEqualTo(VersionStatus.AUDITING);
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstance submit(String pluginId, String version) {
    String pid = as(identity, DEV1, () -> commands.submit(DEV1, pluginId, version, null)).processInstanceId();
    return runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult();
  }

  /** A new plugin of dev1 whose version 1.0.0 reviewer1 rejected ("Too loud"). */
  private String rejectedByReviewer1() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    submit(pluginId, "1.0.0");
    selfCheck(pluginId, "1.0.0");
    as(identity, REVIEWER1, () -> commands.review(REVIEWER1, pluginId, "1.0.0", "REJECT", "CONTENT", "Too loud", null));
    return pluginId;
  }

  private void selfCheck(String pluginId, String version) {
    as(identity, DEV1, () -> commands.selfCheck(DEV1, pluginId, version, Fixtures.ALL_ITEMS, null));
  }

  private ProcessInstance approved(String pluginId, String version) {
    Fixtures.upload(catalog, identity, DEV1, pluginId, version);
    ProcessInstance pi = submit(pluginId, version);
    selfCheck(pluginId, version);
    as(identity, REVIEWER1, () -> commands.review(REVIEWER1, pluginId, version, "APPROVE", null, null, null));
    return pi;
  }

  private void live(String pluginId, String version) {
    approved(pluginId, version);
    as(identity, DEV1, () -> commands.release(DEV1, pluginId, version, null));
  }

  /** What the open release task's form offers. */
  private String releaseChoices(ProcessInstance pi) {
    return (String) engine.getTaskService().getVariableLocal(task(pi).getId(), ReviewProcess.Detail.RELEASE_CHOICES);
  }

  private VersionDetails version(String pluginId, String version) {
    return as(identity, DEV1, () -> catalog.version(DEV1, pluginId, version));
  }

  private VersionStatus status(String pluginId, String version) {
    return version(pluginId, version).status();
  }

  private List<Event> history(String pluginId, String version) {
    return as(identity, DEV1, () -> catalog.history(DEV1, pluginId, version));
  }

  /** The engine wraps what a task listener throws; the refusal is its cause. */
  private static ApiException catchApi(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      ApiException refusal = ApiException.find(e);
      if (refusal == null) {
        throw e;
      }
      return refusal;
    }
    throw new AssertionError("expected a refusal");
  }
}
