package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.pluginreview.system.Refusals;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The consistency check for operators: the full list for admins, the count in actuator health. */
@RestController
class ConsistencyController {

  private final ConsistencyCheck check;
  private final IdentityService identityService;

  ConsistencyController(ConsistencyCheck check, IdentityService identityService) {
    this.check = check;
    this.identityService = identityService;
  }

  @GetMapping("/api/admin/consistency")
  @Refusals({ErrorCode.FORBIDDEN})
  ConsistencyCheck.Report consistency() {
    if (!Actor.required(identityService).isAdmin()) {
      throw ErrorCode.FORBIDDEN.exception("Only camunda-admin may run the consistency check.");
    }
    return check.run();
  }

  /** Counts only: plugin ids stay behind the admin endpoint. */
  @Component("reviewConsistency")
  static class ConsistencyHealth implements HealthIndicator {
    private final ConsistencyCheck check;

    ConsistencyHealth(ConsistencyCheck check) {
      this.check = check;
    }

    @Override
    public Health health() {
      ConsistencyCheck.Report report = check.run();
      Health.Builder health = report.mismatches().isEmpty() ? Health.up() : Health.down();
      return health.withDetail("versionsChecked", report.versionsChecked())
          .withDetail("runningInstances", report.runningInstances())
          .withDetail("mismatches", report.mismatches().size()).build();
    }
  }
}
