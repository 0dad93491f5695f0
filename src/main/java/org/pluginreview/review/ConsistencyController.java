package org.pluginreview.review;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.pluginreview.system.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consistency check for operators: the full list for admins, streamed as it is found; counts of the
 * latest run in actuator health, which a run in the background keeps fresh.
 */
@RestController
class ConsistencyController {

  private final ConsistencyCheck check;
  private final IdentityService identityService;
  private final ObjectMapper mapper;

  ConsistencyController(ConsistencyCheck check, IdentityService identityService, ObjectMapper mapper) {
    this.check = check;
    this.identityService = identityService;
    this.mapper = mapper;
  }

  /**
   * {@code {"mismatches": [...], "versionsChecked": n, "runningInstances": n}}, written while the check
   * runs a chunk at a time, so neither side holds the whole report.
   */
  @GetMapping(path = "/api/admin/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
  @Refusals({ErrorCode.FORBIDDEN})
  void consistency(HttpServletResponse response) throws IOException {
    if (!Actor.required(identityService).isAdmin()) {
      throw ErrorCode.FORBIDDEN.exception("Only camunda-admin may run the consistency check.");
    }
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    try (JsonGenerator json = mapper.getFactory().createGenerator(response.getOutputStream())) {
      json.writeStartObject();
      json.writeArrayFieldStart("mismatches");
      ConsistencyCheck.Summary summary = check.run(mismatch -> {
        try {
          json.writeObject(mismatch);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      json.writeEndArray();
      json.writeNumberField("versionsChecked", summary.versionsChecked());
      json.writeNumberField("runningInstances", summary.runningInstances());
      json.writeEndObject();
    }
  }

  /**
   * Counts of the latest run only, so a health call costs the same at a million versions as at a
   * thousand; plugin ids stay behind the admin endpoint.
   */
  @Component("reviewConsistency")
  static class ConsistencyHealth implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(ConsistencyHealth.class);
    private final ConsistencyCheck check;

    ConsistencyHealth(ConsistencyCheck check) {
      this.check = check;
    }

    @Override
    public Health health() {
      ConsistencyCheck.Summary last = check.last();
      if (last == null) {
        return Health.unknown().withDetail("checkedAt", "not yet").build();
      }
      Health.Builder health = last.mismatches() == 0 ? Health.up() : Health.down();
      return health.withDetail("versionsChecked", last.versionsChecked())
          .withDetail("runningInstances", last.runningInstances())
          .withDetail("mismatches", last.mismatches())
          .withDetail("checkedAt", last.checkedAt().toString()).build();
    }

    @Scheduled(initialDelayString = "${plugin-review.consistency-check.first-after:PT20S}",
        fixedDelayString = "${plugin-review.consistency-check.every:PT10M}")
    void refresh() {
      try {
        ConsistencyCheck.Summary summary = check.run(mismatch -> { });
        if (summary.mismatches() > 0) {
          log.warn("Consistency check: {} mismatches; GET /api/admin/consistency lists them", summary.mismatches());
        }
      } catch (RuntimeException e) {
        log.warn("Consistency check failed; health keeps the previous result", e);
      }
    }
  }
}
