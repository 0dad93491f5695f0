package org.pluginreview.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.pluginreview.lifecycle.ReviewStandard;
import org.pluginreview.lifecycle.VersionEvent;
import org.pluginreview.lifecycle.VersionEventRepository;
import org.pluginreview.review.ReviewProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sends of the event delivery. Each loads what it needs from the ids the process holds and checks
 * they belong together, so a variable written by hand cannot send one plugin's event to another's
 * endpoint or a mail to someone else. A failure throws: the job is retried, then becomes an incident.
 */
final class DeliverySteps {

  private static final Logger log = LoggerFactory.getLogger(DeliverySteps.class);

  private DeliverySteps() {}

  /** Why a delivery failed; the job's incident shows it. */
  static final class DeliveryFailed extends RuntimeException {
    DeliveryFailed(String message) {
      super(message);
    }
  }

  @Component("sendWebhook")
  static class SendWebhook implements JavaDelegate {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private final WebhookRepository webhooks;
    private final VersionEventRepository events;
    private final WebhookAttemptRepository attempts;
    private final EventPayload payload;
    private final Endpoints endpoints;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    // never follows a redirect: a receiver could otherwise point the service anywhere
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(CONNECT_TIMEOUT).build();

    SendWebhook(WebhookRepository webhooks, VersionEventRepository events, WebhookAttemptRepository attempts,
                EventPayload payload, Endpoints endpoints, Clock clock, PlatformTransactionManager transactions) {
      this.webhooks = webhooks;
      this.events = events;
      this.attempts = attempts;
      this.payload = payload;
      this.endpoints = endpoints;
      this.clock = clock;
      this.ownTransaction = new TransactionTemplate(transactions);
      this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void execute(DelegateExecution execution) {
      String webhookId = DeliveryProcess.Var.WEBHOOK_ID.get(execution);
      Long eventId = DeliveryProcess.Var.EVENT_ID.get(execution);
      Webhook webhook = webhookId == null ? null : webhooks.findById(webhookId).orElse(null);
      VersionEvent event = eventId == null ? null : events.findById(eventId).orElse(null);
      if (webhook == null || event == null) {
        return; // deleted since: nobody to tell, or nothing to tell
      }
      String type = EventTypes.of(event.getAction());
      if (!webhook.getPluginId().equals(event.getPluginId()) || !webhook.wants(type)) {
        log.warn("Delivery {} names event {} and webhook {}, which do not belong together; nothing sent",
            execution.getProcessInstanceId(), eventId, webhookId);
        return;
      }
      Instant started = clock.instant();
      URI uri;
      try {
        uri = endpoints.check(webhook.getUrl());
      } catch (Endpoints.Refused refused) {
        record(webhook, event, execution, started, WebhookAttempt.Outcome.REFUSED, null, refused.getMessage());
        throw new DeliveryFailed("Refused to call " + webhook.getUrl() + ": " + refused.getMessage());
      }
      String body = payload.json(event);
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(RESPONSE_TIMEOUT)
          .header("Content-Type", "application/json")
          .header("User-Agent", "plugin-review-webhooks")
          .header("Plugin-Review-Event", type)
          .header("Plugin-Review-Delivery", execution.getProcessInstanceId())
          .header(Signature.HEADER, Signature.header(webhook.getSecret(), started.getEpochSecond(), body))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
      HttpResponse<Void> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        record(webhook, event, execution, started, WebhookAttempt.Outcome.FAILED, null, e.toString());
        throw new DeliveryFailed("POST " + webhook.getUrl() + " failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryFailed("Interrupted while calling " + webhook.getUrl());
      }
      int status = response.statusCode();
      boolean delivered = status >= 200 && status < 300;
      record(webhook, event, execution, started, delivered ? WebhookAttempt.Outcome.DELIVERED : WebhookAttempt.Outcome.FAILED,
          status, delivered ? null : "HTTP " + status);
      if (!delivered) {
        throw new DeliveryFailed("POST " + webhook.getUrl() + " answered HTTP " + status);
      }
    }

    /** In a transaction of its own, so a failed attempt is kept though the job's transaction rolls back. */
    private void record(Webhook webhook, VersionEvent event, DelegateExecution execution, Instant started,
                        WebhookAttempt.Outcome outcome, Integer status, String error) {
      long took = Duration.between(started, clock.instant()).toMillis();
      ownTransaction.executeWithoutResult(tx -> attempts.save(new WebhookAttempt(webhook.getId(), event.getId(),
          EventTypes.of(event.getAction()), execution.getProcessInstanceId(), started, outcome, status, error,
          Math.max(0, took))));
    }
  }

  @Component("sendMail")
  static class SendMail implements JavaDelegate {
    private final VersionEventRepository events;
    private final MailRecipients recipients;
    private final IdentityService identityService;
    private final EventPayload payload;
    private final Mailer mailer;

    SendMail(VersionEventRepository events, MailRecipients recipients, IdentityService identityService, EventPayload payload, Mailer mailer) {
      this.events = events;
      this.recipients = recipients;
      this.identityService = identityService;
      this.payload = payload;
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Long eventId = DeliveryProcess.Var.EVENT_ID.get(execution);
      VersionEvent event = eventId == null ? null : events.findById(eventId).orElse(null);
      MailKind kind = event == null ? null : MailKind.of(event.getAction()).orElse(null);
      if (kind == null) {
        return;
      }
      // worked out here rather than read from a variable; an opt-out since the event counts too
      String submitter = recipients.of(event, kind).orElse(null);
      if (submitter == null) {
        return;
      }
      User user = identityService.createUserQuery().userId(submitter).singleResult();
      if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
        log.info("No mail address for {}; the {} mail of event {} is not sent", submitter, kind, eventId);
        return;
      }
      mailer.send(user.getEmail(), subject(event, kind), text(event, kind));
    }

    static String subject(VersionEvent event, MailKind kind) {
      return "[Plugin review] " + event.getPluginId() + " " + event.getVersion() + ": " + kind.label();
    }

    String text(VersionEvent event, MailKind kind) {
      StringBuilder text = new StringBuilder()
          .append("Plugin ").append(event.getPluginId()).append(", version ").append(event.getVersion()).append('\n')
          .append(kind.label()).append('\n')
          .append("Status: ").append(label(event.getFromStatus())).append(" -> ").append(label(event.getToStatus()))
          .append('\n')
          .append("By: ").append(event.getActor()).append(", at ").append(event.getOccurredAt()).append(" (UTC)\n");
      event.reason().ifPresent(reason -> text
          .append("Reason: ").append(ReviewProcess.REASON_LABELS.getOrDefault(reason.category(), reason.category()))
          .append('\n').append("Comment: ").append(reason.comment()).append('\n'));
      ReviewStandard.get().cited(event.findings())
          .forEach(item -> text.append("Fails ").append(item.label()).append('\n'));
      if (kind != MailKind.REJECTED && event.getComment() != null && !event.getComment().isBlank()) {
        text.append("Note: ").append(event.getComment()).append('\n');
      }
      return text.append('\n').append(payload.consoleLink(event)).append('\n')
          .append("\nTurn this kind of mail off: PUT /api/mail-settings {\"").append(kind.name()).append("\": false}\n")
          .toString();
    }

    private static String label(Object status) {
      return status == null ? "-" : ReviewProcess.STATUS_LABELS.getOrDefault(status, status.toString());
    }
  }
}
