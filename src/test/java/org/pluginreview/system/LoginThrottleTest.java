package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pluginreview.support.FromAddress.basic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.EngineSurface;
import org.pluginreview.support.FromAddress;
import org.pluginreview.support.FromAddress.Answer;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Guessing passwords slows the guesser's own address down; nobody is ever locked out. */
@ServiceTest
class LoginThrottleTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  @Test
  void fiftyWrongPasswordsFromOneAddressSlowThatAddressOnlyOnEveryLoginRoute() {
    FromAddress attacker = new FromAddress("127.0.0.2", port);
    FromAddress reviewer = new FromAddress("127.0.0.1", port);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      statuses.add(attacker.send("GET", "/api/plugins", Map.of("Authorization", basic("reviewer2", "guess" + i)), null)
          .status());
      if (i % 10 == 9) {
        // the account's owner, meanwhile, from their own address: in at once, on every route
        assertThat(reviewer.send("GET", "/api/plugins", Map.of("Authorization", basic("reviewer2", "reviewer2")), null)
            .status()).isEqualTo(200);
      }
    }
    assertThat(statuses.subList(0, LoginThrottle.FAST_CAPACITY)).containsOnly(401);
    assertThat(statuses.subList(LoginThrottle.FAST_CAPACITY, 50)).containsOnly(429);

    Answer throttled = attacker.send("GET", "/api/plugins", Map.of("Authorization", basic("reviewer2", "x")), null);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(throttled.body()).contains("\"code\":\"LOGIN_THROTTLED\"");
    long retryAfter = Long.parseLong(throttled.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, (long) LoginThrottle.SLOW_REFILL_SECONDS);
    assertThat(attacker.send("GET", "/engine-rest/task", Map.of("Authorization", basic("reviewer2", "x")), null)
        .status()).isEqualTo(429);
    assertThat(attacker.webappLogin("tasklist", "reviewer2", "x").status()).isEqualTo(429);

    assertThat(reviewer.send("GET", "/engine-rest/task", Map.of("Authorization", basic("reviewer2", "reviewer2")), null)
        .status()).isEqualTo(200);
    assertThat(reviewer.webappLogin("tasklist", "reviewer2", "reviewer2").status()).isEqualTo(200);
    // other people's logins from the attacker's address are not slowed either
    assertThat(attacker.send("GET", "/api/plugins", Map.of("Authorization", basic("reviewer1", "reviewer1")), null)
        .status()).isEqualTo(200);
  }

  @Test
  void theTasklistLoginRouteIsThrottledOnItsOwn() {
    FromAddress attacker = new FromAddress("127.0.0.3", port);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      statuses.add(attacker.webappLogin("tasklist", "lead1", "guess" + i).status());
    }
    assertThat(statuses.subList(0, LoginThrottle.FAST_CAPACITY)).containsOnly(401);
    assertThat(statuses.subList(LoginThrottle.FAST_CAPACITY, 50)).containsOnly(429);
    assertThat(new FromAddress("127.0.0.1", port).webappLogin("tasklist", "lead1", "lead1").status()).isEqualTo(200);
  }

  @Test
  void theRightPasswordForgetsThePairsFailures() {
    FromAddress client = new FromAddress("127.0.0.4", port);
    for (int i = 0; i < LoginThrottle.FAST_CAPACITY - 1; i++) {
      assertThat(client.send("GET", "/api/plugins", Map.of("Authorization", basic("dev2", "typo")), null).status())
          .isEqualTo(401);
    }
    assertThat(client.send("GET", "/api/plugins", Map.of("Authorization", basic("dev2", "dev2")), null).status())
        .isEqualTo(200);
    for (int i = 0; i < LoginThrottle.FAST_CAPACITY; i++) {
      assertThat(client.send("GET", "/api/plugins", Map.of("Authorization", basic("dev2", "typo")), null).status())
          .isEqualTo(401);
    }
    assertThat(client.send("GET", "/api/plugins", Map.of("Authorization", basic("dev2", "typo")), null).status())
        .isEqualTo(429);
  }

  @Test
  void theEngineNeverLocksAnAccountAndChecksNoPasswordsForOthers() {
    for (int i = 0; i < 30; i++) {
      assertThat(identityService.checkPassword("dev2", "wrong" + i)).isFalse();
    }
    assertThat(identityService.checkPassword("dev2", "dev2")).isTrue();

    // the engine's own password check would be a guessing oracle without the throttle
    String guess = "{\"username\":\"demo\",\"password\":\"guess\"}";
    for (String kind : List.of(EngineSurface.ENGINE_REST, EngineSurface.WEBAPP)) {
      EngineSurface engine = new EngineSurface(kind, port);
      assertThat(engine.post("dev1", "/identity/verify", guess).status()).as(kind).isEqualTo(403);
      assertThat(engine.post("demo", "/identity/verify", guess).status()).as(kind).isEqualTo(200);
    }
  }

  @Test
  void anOperatorAlwaysGetsAnAdminBack() {
    // the admin's password is lost, the engine once locked the account, and it left camunda-admin
    new AdminRecovery(identityService, "rescue", "first-secret").run(null);
    var user = identityService.createUserQuery().userId("rescue").singleResult();
    user.setPassword("nobody-knows-this");
    identityService.saveUser(user);
    identityService.deleteMembership("rescue", Actor.ADMINS);
    ApiClient api = new ApiClient(port);
    assertThat(api.get("rescue:first-secret", "/actuator/metrics").status()).isEqualTo(401);

    new AdminRecovery(identityService, "rescue", "second-secret").run(null);
    assertThat(api.get("rescue:second-secret", "/actuator/metrics").status()).isEqualTo(200);
    assertThat(new FromAddress("127.0.0.1", port).webappLogin("cockpit", "rescue", "second-secret").status())
        .isEqualTo(200);
    assertThat(new EngineSurface(EngineSurface.WEBAPP, port)
        .webapp("rescue:second-secret", "GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics")
        .status()).isEqualTo(200);
  }
}
