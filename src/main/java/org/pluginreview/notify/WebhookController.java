package org.pluginreview.notify;

import static org.pluginreview.system.ErrorCode.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.system.Actor;
import org.pluginreview.system.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/plugins/{pluginId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

  /** {@code events} left out: every event type. */
  record WebhookRequest(String url, List<String> events) {}

  private final Webhooks webhooks;
  private final IdentityService identityService;

  WebhookController(Webhooks webhooks, IdentityService identityService) {
    this.webhooks = webhooks;
    this.identityService = identityService;
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, CONFLICT})
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Webhooks.Registered> register(@PathVariable String pluginId, @RequestBody WebhookRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(webhooks.register(actor(), pluginId, request.url(), request.events()));
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @GetMapping
  List<Webhooks.WebhookView> list(@PathVariable String pluginId) {
    return webhooks.list(actor(), pluginId);
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @GetMapping("/{id}")
  Webhooks.WebhookView get(@PathVariable String pluginId, @PathVariable String id) {
    return webhooks.get(actor(), pluginId, id);
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String pluginId, @PathVariable String id) {
    webhooks.delete(actor(), pluginId, id);
    return ResponseEntity.noContent().build();
  }

  /** Each attempt, newest first: when, the outcome, the receiver's HTTP status. */
  @Refusals({NOT_FOUND, FORBIDDEN})
  @GetMapping("/{id}/deliveries")
  List<Webhooks.AttemptView> deliveries(@PathVariable String pluginId, @PathVariable String id) {
    return webhooks.deliveries(actor(), pluginId, id);
  }

  private Actor actor() {
    return Actor.required(identityService);
  }
}
