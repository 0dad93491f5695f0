package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.pluginreview.review.AccessSetup;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.EngineSurface;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.Fixtures;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may use which Camunda surface, with authorization enabled. */
@ServiceTest
class AccessTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizations;
  @Autowired AccessSetup accessSetup;
  @Autowired IdentityService identityService;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void cockpitAndAdminAreForAdminsTasklistForEveryoneButMerchants() throws Exception {
    for (String app : List.of("cockpit", "admin", "tasklist")) {
      assertThat(webappLogin(app, "merchant1")).as(app + " merchant1").isEqualTo(403);
    }
    for (String app : List.of("cockpit", "admin")) {
      assertThat(webappLogin(app, "demo")).as(app).isEqualTo(200);
      for (String user : List.of("reviewer1", "lead1", "dev1")) {
        assertThat(webappLogin(app, user)).as(app + " " + user).isEqualTo(403);
      }
    }
    for (String user : List.of("demo", "reviewer1", "lead1", "dev1", "dev2")) {
      assertThat(webappLogin("tasklist", user)).as("tasklist " + user).isEqualTo(200);
    }
  }

  @Test
  void cockpitAndAdminApisAnswerAdminsOnly() {
    EngineSurface webapps = new EngineSurface(EngineSurface.WEBAPP, port);
    String statistics = "/camunda/api/cockpit/plugin/base/default/process-definition/statistics";
    String users = "/camunda/api/admin/plugin/adminPlugins/default/users";
    for (String user : List.of("dev1", "reviewer1", "lead1")) {
      Response cockpit = webapps.webapp(user, "GET", statistics);
      assertThat(cockpit.status()).as(user + " " + cockpit.raw()).isEqualTo(403);
      assertThat(cockpit.code()).isEqualTo("FORBIDDEN");
      assertThat(webapps.webapp(user, "GET", users).status()).isEqualTo(403);
      // what every webapp needs of Admin's API stays open
      assertThat(webapps.webapp(user, "GET", "/camunda/api/admin/auth/user/default").status()).isEqualTo(200);
    }
    assertThat(webapps.webapp("demo", "GET", statistics).status()).isEqualTo(200);
  }

  @Test
  void reviewersShareTheReviewQueueOverdueFirst() {
    String older = auditing("dev1");
    String newer = auditing("dev2");
    // an overdue review: the escalation raises its priority
    Task escalated = reviewTask(newer);
    escalated.setPriority(80);
    taskService.saveTask(escalated);

    String queue = filterId("reviewer1", "Plugin reviews");
    assertThat(filterId("lead1", "Plugin reviews")).isEqualTo(queue);
    assertThat(filterNames("dev1")).containsExactly("My tasks");

    Response tasks = api.post("reviewer1", "/engine-rest/filter/" + queue + "/list", "{}");
    List<String> keys = new ArrayList<>();
    tasks.body().forEach(t -> keys.add(t.path("processInstanceId").asText()));
    assertThat(keys).containsSubsequence(pid(newer), pid(older));
    assertThat(tasks.body().get(0).path("priority").asInt()).isEqualTo(80);
  }

  /**
   * One grant on the process shows reviewers every review: no authorization row per review task, since
   * a row per task made every reviewer's task query join the whole backlog. Rows left by reviews opened
   * before are dropped at start.
   */
  @Test
  void reviewersSeeEveryReviewThroughOneGrantNotARowPerTask() throws Exception {
    String ref = auditing("dev1");
    Task review = reviewTask(ref);
    assertThat(reviewerRows(review.getId())).isZero();
    for (String reviewer : List.of("reviewer1", "reviewer2", "lead1")) {
      assertThat(api.get(reviewer, "/engine-rest/task?processInstanceId=" + pid(ref)).body()).hasSize(1);
    }
    assertThat(api.get("dev2", "/engine-rest/task?processInstanceId=" + pid(ref)).body()).isEmpty();

    Authorization legacy = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    legacy.setGroupId(Actor.REVIEWERS);
    legacy.setResource(Resources.TASK);
    legacy.setResourceId(review.getId());
    legacy.addPermission(Permissions.READ);
    authorizations.saveAuthorization(legacy);
    assertThat(reviewerRows(review.getId())).isEqualTo(1);
    accessSetup.run(null);
    assertThat(reviewerRows(review.getId())).isZero();
    assertThat(api.get("reviewer1", "/engine-rest/task?processInstanceId=" + pid(ref)).body()).hasSize(1);

    // whoever claims a review is a reviewer and needs no row of their own either
    assertThat(api.post("reviewer1", "/engine-rest/task/" + review.getId() + "/claim", "{\"userId\":\"reviewer1\"}")
        .status()).isEqualTo(204);
    assertThat(authorizations.createAuthorizationQuery().resourceId(review.getId()).userIdIn("reviewer1").count())
        .isZero();
    assertThat(api.get("reviewer1", "/engine-rest/task?assignee=reviewer1&processInstanceId=" + pid(ref)).body())
        .hasSize(1);
    assertThat(api.post("reviewer1", "/engine-rest/task/" + review.getId() + "/unclaim", null).status()).isEqualTo(204);
  }

  /** A lead who is not a reviewer sees a review once it is escalated to the leads, and not before. */
  @Test
  void aLeadOutsideTheReviewersSeesOnlyEscalatedReviews() {
    Fixtures.ensureUser(identityService, new Actor("leadonly", java.util.Set.of(Actor.REVIEW_LEADS)));
    String ref = auditing("dev2");
    Task review = reviewTask(ref);
    String query = "/engine-rest/task?processInstanceId=" + pid(ref);
    assertThat(api.get("leadonly:leadonly", query).body()).isEmpty();
    taskService.addCandidateGroup(review.getId(), Actor.REVIEW_LEADS);
    assertThat(api.get("leadonly:leadonly", query).body()).hasSize(1);
  }

  private long reviewerRows(String taskId) {
    return authorizations.createAuthorizationQuery().groupIdIn(Actor.REVIEWERS).resourceType(Resources.TASK)
        .resourceId(taskId).count();
  }

  /** Tasklist asks for filters in HAL; each card then carries the filter's variables. */
  @Test
  void queueCardsNameTheirPluginVersionAndSubmitterAndAReviewIsDueAtItsSla() throws Exception {
    String review = auditing("dev1");
    String p = review.split("/")[1];
    JsonNode card = card("reviewer1", "Plugin reviews", "Review " + p + " 1.0.0");
    assertThat(cardVariables(card)).as(card.toString()).containsEntry("detailVersion", "1.0.0").containsEntry("detailSubmitter", "dev1")
        .hasEntrySatisfying("detailPlugin", plugin -> assertThat(plugin).startsWith(p + " ("));
    Task task = reviewTask(review);
    assertThat(task.getDueDate().toInstant()).isEqualTo(task.getCreateTime().toInstant().plus(Duration.ofDays(2)));

    String selfCheck = submitted("dev2");
    JsonNode mine = card("dev2", "My tasks", "Self-check " + selfCheck.split("/")[1] + " 1.0.0");
    assertThat(cardVariables(mine)).containsEntry("detailVersion", "1.0.0");
    assertThat(mine.path("due").isNull()).as("only reviews have an SLA").isTrue();
  }

  private JsonNode card(String user, String filter, String name) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/filter/"
            + filterId(user, filter) + "/list?firstResult=0&maxResults=1000"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    Response list = ApiClient.send(HttpClient.newHttpClient(), request);
    assertThat(list.status()).as(list.raw()).isEqualTo(200);
    for (JsonNode task : list.body().path("_embedded").path("task")) {
      if (task.path("name").asText().equals(name)) {
        return task;
      }
    }
    throw new AssertionError("no card named " + name + " in " + list.raw());
  }

  private static java.util.Map<String, String> cardVariables(JsonNode card) {
    java.util.Map<String, String> variables = new java.util.HashMap<>();
    card.path("_embedded").path("variable").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
    return variables;
  }

  @Test
  void developersSeeOnlyTheirOwnTasks() {
    String mine = submitted("dev1");
    String theirs = submitted("dev2");
    List<String> dev1Tasks = new ArrayList<>();
    api.get("dev1", "/engine-rest/task").body().forEach(t -> dev1Tasks.add(t.path("processInstanceId").asText()));
    assertThat(dev1Tasks).contains(pid(mine)).doesNotContain(pid(theirs));
    assertThat(api.get("dev2", "/engine-rest/task?processInstanceId=" + pid(mine)).body()).isEmpty();
    assertThat(api.get("dev1", "/engine-rest/process-instance?processInstanceIds=" + pid(theirs)).body()).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private String submitted(String owner) {
    String p = "acc-" + SEQUENCE.incrementAndGet();
    api.submitted(owner, p);
    return owner + "/" + p;
  }

  private String auditing(String owner) {
    String p = "acc-" + SEQUENCE.incrementAndGet();
    assertThat(api.inReview(owner, p).body().path("status").asText()).isEqualTo("AUDITING");
    return owner + "/" + p;
  }

  private String pid(String ref) {
    String[] parts = ref.split("/");
    return api.get(parts[0], "/api/plugins/" + parts[1] + "/versions/1.0.0").body().path("processInstanceId").asText();
  }

  private Task reviewTask(String ref) {
    return taskService.createTaskQuery().processInstanceId(pid(ref)).singleResult();
  }

  private List<String> filterNames(String user) {
    List<String> names = new ArrayList<>();
    api.get(user, "/engine-rest/filter").body().forEach(f -> names.add(f.path("name").asText()));
    return names;
  }

  private String filterId(String user, String name) {
    for (var f : api.get(user, "/engine-rest/filter").body()) {
      if (f.path("name").asText().equals(name)) {
        return f.path("id").asText();
      }
    }
    throw new AssertionError(user + " cannot see filter " + name);
  }

  /** Logs into a Camunda webapp as its login page does: session cookie, CSRF token, form post. */
  private int webappLogin(String app, String user) throws IOException, InterruptedException {
    CookieManager cookies = new CookieManager();
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token = cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
    HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user))
        .build();
    return http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
