package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.EngineSurface;
import org.pluginreview.support.Fixtures;
import org.pluginreview.support.ServiceTest;
import org.pluginreview.support.Users;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The review as an attacker meets it on every surface the engine opens: Camunda's REST API and the
 * webapps' engine API, as the plugin's owner, another developer, a reviewer and a lead. Every attack is
 * refused, leaves the version records, their history and the engine's instances exactly as they were,
 * and the consistency check stays at zero.
 */
@ServiceTest
class EngineSurfaceAttackTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final List<String> ATTACKERS = List.of("dev1", "dev2", "reviewer1", "lead1");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.AuthorizationService engineAuthorizations;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void noStartEntersTheModelAnywhereButItsStartEvent(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String p = livePluginWithDraft();
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(repositoryService
        .createProcessDefinitionQuery().processDefinitionKey(ReviewProcess.KEY).latestVersion().singleResult().getId());
    List<String> instructions = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      instructions.add("{\"type\":\"startBeforeActivity\",\"activityId\":\"" + node.getId() + "\"}");
      instructions.add("{\"type\":\"startAfterActivity\",\"activityId\":\"" + node.getId() + "\"}");
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      instructions.add("{\"type\":\"startTransition\",\"transitionId\":\"" + flow.getId() + "\"}");
    }
    assertThat(instructions).hasSizeGreaterThan(80);
    for (String attacker : ATTACKERS) {
      for (String instruction : instructions) {
        refusedAndUnchanged(p, () -> engine.post(attacker, startPath(), forgedStart(p, "1.1.0",
            ",\"startInstructions\":[" + instruction + "]")), attacker + " " + instruction);
      }
      for (String skip : List.of("skipCustomListeners", "skipIoMappings")) {
        refusedAndUnchanged(p, () -> engine.post(attacker, startPath(), forgedStart(p, "1.1.0",
            ",\"" + skip + "\":true")), attacker + " " + skip);
        refusedAndUnchanged(p, () -> engine.post(attacker, startPath(), forgedStart(p, "1.1.0",
            ",\"" + skip + "\":true,\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"userTask_releaseDecision\"}]")), attacker + " " + skip + " with instructions");
      }
    }
    assertConsistent();
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void runningReviewsAreNeitherMovedNorRestarted(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String p = pluginInReview();
    String pid = pid("dev1", p, "1.0.0");
    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(ReviewProcess.KEY)
        .latestVersion().singleResult().getId();
    for (String attacker : ATTACKERS) {
      for (String activity : List.of("serviceTask_approveVersion", "serviceTask_releaseVersion",
          "userTask_releaseDecision", "serviceTask_rejectVersion")) {
        refusedAndUnchanged(p, () -> engine.post(attacker, "/process-instance/" + pid + "/modification",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + activity + "\"}]}"),
            attacker + " modifies to " + activity);
        refusedAndUnchanged(p, () -> engine.post(attacker, "/process-instance/" + pid + "/modification-async",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + activity + "\"}]}"),
            attacker + " modifies async to " + activity);
        refusedAndUnchanged(p, () -> engine.post(attacker, "/process-definition/" + definitionId + "/restart",
            "{\"processInstanceIds\":[\"" + pid + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"" + activity + "\"}]}"), attacker + " restarts at " + activity);
      }
    }
    // even an operator's move cannot make a decision nobody made: the step finds none recorded
    refusedAndUnchanged(p, () -> engine.post("demo", "/process-instance/" + pid + "/modification",
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"serviceTask_approveVersion\"}]}"),
        "admin forges an approval");
    assertConsistent();
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void decisionsComeOnlyFromTheTasksOwnCompletion(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String p = submittedPlugin();
    String selfCheck = taskId("dev1", p, ReviewProcess.USER_TASK_SELF_CHECK);

    // variables written outside a completion, in any scope, by anyone but an operator
    for (String attacker : ATTACKERS) {
      for (String scope : List.of("variables", "localVariables")) {
        refusedAndUnchanged(p, () -> engine.post(attacker, "/task/" + selfCheck + "/" + scope,
            "{\"modifications\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}"), attacker + " " + scope);
        refusedAndUnchanged(p, () -> engine.send(attacker, "PUT", "/task/" + selfCheck + "/" + scope
            + "/reviewDecision", "{\"value\":\"APPROVE\"}"), attacker + " PUT " + scope);
      }
      refusedAndUnchanged(p, () -> engine.post(attacker, "/process-instance/" + pid("dev1", p, "1.0.0")
          + "/variables", "{\"modifications\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}"), attacker + " instance");
    }
    // a decision sent along with an earlier task's completion does not reach the review
    Response checked = engine.post("dev1", "/task/" + selfCheck + "/complete", "{\"variables\":{"
        + selfCheckItems() + ",\"reviewDecision\":{\"value\":\"APPROVE\"},\"reviewComment\":{\"value\":\"by dev1\"}}}");
    assertThat(checked.status()).as(checked.raw()).isEqualTo(204);
    String review = taskId("dev1", p, ReviewProcess.USER_TASK_REVIEW);
    Response form = engine.send("reviewer1", "GET", "/task/" + review + "/form-variables", null);
    assertThat(form.body().has("reviewDecision")).as(form.raw()).isFalse();
    assertThat(form.body().has("reviewComment")).isFalse();
    Response empty = engine.post("reviewer1", "/task/" + review + "/complete", "{\"variables\":{}}");
    assertThat(empty.status()).as(empty.raw()).isEqualTo(400);
    assertThat(empty.code()).isEqualTo("VALIDATION_FAILED");
    // a rejection without its reason is refused whatever scope the reason was hoped for in
    refusedAndUnchanged(p, () -> engine.post("reviewer1", "/task/" + review + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"REJECT\"}}}"), "reject without reason");
    Response approve = engine.post("reviewer1", "/task/" + review + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}");
    assertThat(approve.status()).as(approve.raw()).isEqualTo(204);
    Response version = api.get("dev1", "/api/plugins/" + p + "/versions/1.0.0");
    assertThat(version.body().path("status").asText()).isEqualTo("APPROVED");
    assertThat(version.body().path("reviewer").asText()).isEqualTo("reviewer1");

    // the release task: a local shadow is refused, and the percentage the gateway sees is the checked one
    String release = taskId("dev1", p, ReviewProcess.USER_TASK_RELEASE_DECISION);
    refusedAndUnchanged(p, () -> engine.send("dev1", "PUT", "/task/" + release + "/localVariables/grayPercentage",
        "{\"value\":10,\"type\":\"Long\"}"), "local percentage");
    refusedAndUnchanged(p, () -> engine.post("dev1", "/task/" + release + "/complete", "{\"variables\":{"
        + "\"releaseDecision\":{\"value\":\"START_GRAY\"},\"grayPercentage\":{\"value\":5000,\"type\":\"Long\"}}}"),
        "gray at 5000%");
    refusedAndUnchanged(p, () -> engine.post("dev2", "/task/" + release + "/complete", "{\"variables\":{"
        + "\"releaseDecision\":{\"value\":\"GO_LIVE\"}}}"), "another developer releases");
    assertConsistent();
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void variablesAreDataNotAWayIn(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String p = submittedPlugin();
    String selfCheck = taskId("dev1", p, ReviewProcess.USER_TASK_SELF_CHECK);
    List<String> hostile = List.of(
        "{\"type\":\"Bytes\",\"value\":\"" + "QUJD".repeat(100) + "\"}",
        "{\"type\":\"File\",\"value\":\"QUJD\",\"valueInfo\":{\"filename\":\"a.txt\"}}",
        "{\"type\":\"Object\",\"value\":\"rO0ABXQAA2FiYw==\",\"valueInfo\":{\"objectTypeName\":\"java.lang.String\","
            + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}",
        "{\"type\":\"Object\",\"value\":\"{}\",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
            + "\"serializationDataFormat\":\"application/json\"}}",
        "{\"type\":\"String\",\"value\":\"" + "x".repeat(EngineGuard.MAX_TEXT + 1) + "\"}");
    for (String value : hostile) {
      String label = value.substring(0, Math.min(40, value.length()));
      refusedAndUnchanged(p, () -> engine.post("dev1", "/task/" + selfCheck + "/complete",
          "{\"variables\":{" + selfCheckItems() + ",\"payload\":" + value + "}}"), "complete with " + label);
      refusedAndUnchanged(p, () -> engine.post("dev2", startPath(), "{\"variables\":{\"pluginId\":{\"value\":\""
          + p + "\"},\"version\":{\"value\":\"1.0.0\"},\"payload\":" + value + "}}"), "start with " + label);
    }
    Response tooLarge = engine.post("dev1", "/task/" + selfCheck + "/complete", "{\"variables\":{"
        + selfCheckItems() + ",\"payload\":{\"value\":\"" + "y".repeat(70 * 1024) + "\"}}}");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(pid("dev1", p, "1.0.0")).isNotBlank();
    assertThat(api.get("dev1", "/api/plugins/" + p + "/versions/1.0.0").body().path("status").asText())
        .isEqualTo("SELF_CHECK");
    assertConsistent();
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void reviewersReviewAndNothingMore(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String p = pluginInReview();
    String review = taskId("dev1", p, ReviewProcess.USER_TASK_REVIEW);
    for (String reviewer : List.of("reviewer1", "lead1")) {
      List<Runnable> attacks = List.of(
          () -> expectRefused(engine.send(reviewer, "PUT", "/task/" + review,
              "{\"name\":\"nothing to see\",\"priority\":0}"), "rename"),
          () -> expectRefused(engine.send(reviewer, "PUT", "/task/" + review, "{\"name\":\"Review plugin version\","
              + "\"priority\":0}"), "priority"),
          () -> expectRefused(engine.post(reviewer, "/task/" + review + "/assignee", "{\"userId\":\"dev1\"}"),
              "assign to the owner"),
          () -> expectRefused(engine.post(reviewer, "/task/" + review + "/delegate", "{\"userId\":\"dev1\"}"),
              "delegate to the owner"),
          () -> expectRefused(engine.post(reviewer, "/task/" + review + "/identity-links",
              "{\"userId\":\"dev1\",\"type\":\"candidate\"}"), "add a candidate"),
          () -> expectRefused(engine.post(reviewer, "/task/" + review + "/variables",
              "{\"modifications\":{\"submitter\":{\"value\":\"reviewer2\"}}}"), "set submitter"),
          () -> expectRefused(engine.post(reviewer, "/task/" + review + "/bpmnError",
              "{\"errorCode\":\"gone\"}"), "throw a BPMN error"),
          () -> expectRefused(engine.post(reviewer, "/task/" + review + "/bpmnEscalation",
              "{\"escalationCode\":\"up\"}"), "escalate"));
      for (Runnable attack : attacks) {
        refusedAndUnchanged(p, () -> {
          attack.run();
          return null;
        }, reviewer);
      }
      assertThat(taskService.createTaskQuery().taskId(review).singleResult().getPriority()).isEqualTo(50);
      // what a reviewer does do
      assertThat(engine.post(reviewer, "/task/" + review + "/claim", "{\"userId\":\"" + reviewer + "\"}").status())
          .isEqualTo(204);
      Response comment = engine.post(reviewer, "/task/" + review + "/comment/create", "{\"message\":\"looking\"}");
      assertThat(comment.status()).as(comment.raw()).isEqualTo(200);
      Response taken = engine.post(reviewer.equals("lead1") ? "reviewer2" : "lead1", "/task/" + review + "/claim",
          "{\"userId\":\"someone\"}");
      assertThat(taken.status()).as(taken.raw()).isIn(403, 409);
      assertThat(engine.post(reviewer, "/task/" + review + "/unclaim", null).status()).isEqualTo(204);
    }
    assertConsistent();
  }

  /**
   * Reviewers hold their task permissions on the whole process (one grant instead of a row per review), so
   * they can list a developer's self-check and release tasks. Nothing on those tasks is theirs to do.
   */
  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void reviewersCannotWorkADevelopersOwnTasks(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String selfCheck = submittedPlugin();
    String release = "atk-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", release);
    api.post("reviewer2", "/api/plugins/" + release + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    Map<String, String> tasks = Map.of(
        selfCheck, taskId("dev1", selfCheck, ReviewProcess.USER_TASK_SELF_CHECK),
        release, taskId("dev1", release, ReviewProcess.USER_TASK_RELEASE_DECISION));
    for (String reviewer : List.of("reviewer1", "lead1")) {
      tasks.forEach((p, task) -> {
        for (String[] attack : List.of(
            new String[] {"/claim", "{\"userId\":\"" + reviewer + "\"}", "claim"},
            new String[] {"/unclaim", null, "unclaim"},
            new String[] {"/assignee", "{\"userId\":\"" + reviewer + "\"}", "assign"},
            new String[] {"/delegate", "{\"userId\":\"" + reviewer + "\"}", "delegate"},
            new String[] {"/identity-links", "{\"userId\":\"" + reviewer + "\",\"type\":\"candidate\"}", "add a candidate"},
            new String[] {"/variables", "{\"modifications\":{\"releaseDecision\":{\"value\":\"RELEASE\"}}}", "set a variable"},
            new String[] {"/complete", "{\"variables\":{\"releaseDecision\":{\"value\":\"RELEASE\"}}}", "complete"},
            new String[] {"/submit-form", "{\"variables\":{}}", "submit the form"},
            new String[] {"/bpmnError", "{\"errorCode\":\"gone\"}", "throw a BPMN error"})) {
          refusedAndUnchanged(p, () -> engine.post(reviewer, "/task/" + task + attack[0], attack[1]),
              reviewer + " " + attack[2] + " on " + p);
        }
        refusedAndUnchanged(p, () -> engine.send(reviewer, "PUT", "/task/" + task,
            "{\"name\":\"mine now\",\"assignee\":\"" + reviewer + "\"}"), reviewer + " edits " + p);
      });
    }
    assertThat(taskService.createTaskQuery().taskId(tasks.get(selfCheck)).singleResult().getAssignee()).isEqualTo("dev1");
    assertThat(taskService.createTaskQuery().taskId(tasks.get(release)).singleResult().getAssignee()).isEqualTo("dev1");
    assertConsistent();
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void theSubmitterNeverSeesClaimsOrDecidesTheirOwnReview(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    Fixtures.ensureUser(identityService, Users.DUAL);
    String p = "atk-" + SEQUENCE.incrementAndGet();
    api.inReview("dual:dual", p);
    String pid = pid("dual:dual", p, "1.0.0");
    String review = taskService.createTaskQuery().processInstanceId(pid).singleResult().getId();

    assertThat(engine.send("dual:dual", "GET", "/task?processInstanceId=" + pid, null).body()).isEmpty();
    assertThat(engine.send("reviewer1", "GET", "/task?processInstanceId=" + pid, null).body()).hasSize(1);
    assertThat(engine.send("dual:dual", "GET", "/task/" + review, null).status()).isIn(403, 404);
    refusedAndUnchanged(p, () -> engine.post("dual:dual", "/task/" + review + "/claim", "{\"userId\":\"dual\"}"),
        "claim own review");
    refusedAndUnchanged(p, () -> engine.post("dual:dual", "/task/" + review + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}"), "approve own review");
    refusedAndUnchanged(p, () -> engine.post("dual:dual", "/task/" + review + "/submit-form",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}"), "submit own review form");
    Response viaApi = api.post("dual:dual", "/api/plugins/" + p + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    assertThat(viaApi.status()).isEqualTo(403);
    assertThat(viaApi.code()).isEqualTo("SELF_REVIEW_FORBIDDEN");
    assertThat(viaApi.body().path("detail").asText()).isEqualTo("Nobody may review their own submission.");
    assertConsistent();
  }

  @org.junit.jupiter.api.Test
  void onlyASubmitterWhoCouldSeeTheirReviewGetsARevokeOnIt() {
    Fixtures.ensureUser(identityService, Users.DUAL);
    String plain = "atk-" + SEQUENCE.incrementAndGet();
    String dual = "atk-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", plain);
    api.inReview("dual:dual", dual);
    // each revoke sends every task query of its user down Camunda's slower revoke-aware path
    assertThat(revokesOnReview("dev1", pid("dev1", plain, "1.0.0"))).isZero();
    assertThat(revokesOnReview("dual", pid("dual:dual", dual, "1.0.0"))).isEqualTo(1);
  }

  private long revokesOnReview(String userId, String pid) {
    String review = taskService.createTaskQuery().processInstanceId(pid).singleResult().getId();
    return engineAuthorizations.createAuthorizationQuery()
        .authorizationType(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE)
        .userIdIn(userId).resourceId(review).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {EngineSurface.ENGINE_REST, EngineSurface.WEBAPP})
  void refusedCompletionsReadAsTheProductsOwnRefusals(String kind) {
    EngineSurface engine = new EngineSurface(kind, port);
    String p = pluginInReview();
    String review = taskId("dev1", p, ReviewProcess.USER_TASK_REVIEW);
    for (String path : List.of("/complete", "/submit-form")) {
      Response r = engine.post("reviewer1", "/task/" + review + path,
          "{\"variables\":{\"reviewDecision\":{\"value\":\"REJECT\"},\"reviewComment\":{\"value\":\"\"}}}");
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.code()).isEqualTo("REJECT_REASON_REQUIRED");
      assertThat(r.body().path("detail").asText()).isEqualTo("A rejection needs a reason category and a comment.");
      assertThat(r.raw()).doesNotContain("ENGINE-");
    }
    assertThat(engine.post("reviewer1", "/task/" + review + "/claim", "{\"userId\":\"reviewer1\"}").status())
        .isEqualTo(204);
    Response claimed = engine.post("reviewer2", "/task/" + review + "/claim", "{\"userId\":\"reviewer2\"}");
    assertThat(claimed.status()).as(claimed.raw()).isEqualTo(409);
    assertThat(claimed.code()).isEqualTo("CONFLICT");
    assertConsistent();
  }

  @Test
  void theConsistencyCheckNamesEveryDecisionItsProcessDidNotMake() {
    String p = "atk-" + SEQUENCE.incrementAndGet();
    api.pluginWithVersion("dev1", p);
    api.upload("dev1", p, "1.1.0");
    String rejected = "atk-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", rejected);
    try {
      // forged behind the process's back, as the holes this suite closes used to allow
      jdbc.update("update plugin_version set status = 'RELEASED', reviewer = 'reviewer1' where plugin_id = ? "
          + "and version = '1.0.0'", p);
      jdbc.update("update plugin_version set status = 'APPROVED' where plugin_id = ? and version = '1.1.0'", p);
      String pid = pid("dev1", rejected, "1.0.0");
      jdbc.update("update plugin_version set status = 'AUDIT_REJECTED', reviewer = 'reviewer1' where plugin_id = ?",
          rejected);
      Response report = api.get("demo", "/api/admin/consistency");
      List<String> flagged = new ArrayList<>();
      report.body().path("mismatches").forEach(m -> flagged.add(m.path("pluginId").asText() + "/"
          + m.path("version").asText() + ": " + m.path("problem").asText()));
      assertThat(flagged).anyMatch(m -> m.startsWith(p + "/1.0.0: status RELEASED"));
      assertThat(flagged).anyMatch(m -> m.startsWith(p + "/1.1.0: status APPROVED"));
      assertThat(flagged).anyMatch(m -> m.startsWith(rejected + "/1.0.0:"));
    } finally {
      jdbc.update("update plugin_version set status = 'DEVELOPMENT', reviewer = null where plugin_id = ?", p);
      jdbc.update("update plugin_version set status = 'AUDITING', reviewer = null where plugin_id = ?", rejected);
    }
    assertConsistent();
  }

  // ------------------------------------------------------------------ helpers

  /** A plugin of dev1 with 1.0.0 live and 1.1.0 in development: the target of forged starts. */
  private String livePluginWithDraft() {
    String p = "atk-" + SEQUENCE.incrementAndGet();
    api.live("dev1", p);
    api.upload("dev1", p, "1.1.0");
    return p;
  }

  /** A plugin of dev1 whose 1.0.0 waits for a reviewer. */
  private String pluginInReview() {
    String p = "atk-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", p);
    return p;
  }

  /** A plugin of dev1 whose 1.0.0 waits for its self-check. */
  private String submittedPlugin() {
    String p = "atk-" + SEQUENCE.incrementAndGet();
    api.submitted("dev1", p);
    return p;
  }

  private static String startPath() {
    return "/process-definition/key/" + ReviewProcess.KEY + "/start";
  }

  /** A start that names the version and brings along every variable a forged step might trust. */
  private static String forgedStart(String p, String version, String extra) {
    return "{\"businessKey\":\"" + p + ":" + version + "\",\"variables\":{\"pluginId\":{\"value\":\"" + p
        + "\"},\"version\":{\"value\":\"" + version + "\"},\"reviewer\":{\"value\":\"reviewer1\"},"
        + "\"submitter\":{\"value\":\"dev2\"},\"reviewDecision\":{\"value\":\"APPROVE\"},"
        + "\"releaseDecision\":{\"value\":\"GO_LIVE\"},\"preReviewPassed\":{\"value\":true}}" + extra + "}";
  }

  private static String selfCheckItems() {
    List<String> items = new ArrayList<>();
    ReviewProcess.SELF_CHECK_VARIABLES.values()
        .forEach(v -> items.add("\"" + v.name() + "\":{\"value\":true,\"type\":\"Boolean\"}"));
    return String.join(",", items);
  }

  private String pid(String owner, String p, String version) {
    return api.get(owner, "/api/plugins/" + p + "/versions/" + version).body().path("processInstanceId").asText();
  }

  private String taskId(String owner, String p, String taskKey) {
    return taskService.createTaskQuery().processInstanceId(pid(owner, p, "1.0.0")).taskDefinitionKey(taskKey)
        .singleResult().getId();
  }

  private static void expectRefused(Response response, String what) {
    assertThat(response.status()).as(what + ": " + response.raw()).isBetween(400, 499);
  }

  /** The call is refused (4xx) and no record, history event or engine instance changed. */
  private void refusedAndUnchanged(String p, java.util.function.Supplier<Response> attack, String what) {
    Map<String, Object> before = snapshot(p);
    Response response = attack.get();
    if (response != null) {
      assertThat(response.status()).as(what + ": " + response.raw()).isBetween(400, 499);
    }
    assertThat(snapshot(p)).as(what).isEqualTo(before);
  }

  private Map<String, Object> snapshot(String p) {
    return Map.of(
        "versions", jdbc.queryForList("select * from plugin_version where plugin_id = ? order by id", p),
        "events", jdbc.queryForList("select * from version_event where plugin_id = ? order by id", p),
        "plugins", jdbc.queryForList("select * from plugin where plugin_id = ?", p),
        "engine", jdbc.queryForList("select (select count(*) from act_ru_execution) as c_executions, "
            + "(select count(*) from act_hi_procinst) as c_instances, (select count(*) from act_ru_task) as c_tasks, "
            + "(select count(*) from act_ru_variable) as c_variables, (select count(*) from act_hi_actinst) as c_activities, "
            + "(select count(*) from act_ru_job) as c_jobs, (select count(*) from act_ru_identitylink) as c_links, "
            + "(select max(priority_) from act_ru_task) as c_priority, (select sum(rev_) from act_ru_task) as c_task_revisions, "
            + "(select count(*) from act_ru_task where assignee_ is null) as c_unassigned, "
            + "(select sum(rev_) from act_ru_variable) as c_variable_revisions"));
  }

  private void assertConsistent() {
    Response report = api.get("demo", "/api/admin/consistency");
    assertThat(report.body().path("mismatches")).as(report.raw()).isEmpty();
  }
}
