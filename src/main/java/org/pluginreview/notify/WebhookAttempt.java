package org.pluginreview.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One attempt to deliver one event to one webhook, as its owner sees it under deliveries. */
@Entity
@Immutable
@Table(name = "webhook_attempt")
class WebhookAttempt {

  enum Outcome { DELIVERED, FAILED, REFUSED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "webhook_id")
  private String webhookId;

  @Column(name = "event_id")
  private Long eventId;

  @Column(name = "event_type")
  private String eventType;

  /** The delivery process instance: every attempt at one event shares it. */
  @Column(name = "delivery_id")
  private String deliveryId;

  @Column(name = "attempted_at")
  private Instant attemptedAt;

  @Enumerated(EnumType.STRING)
  private Outcome outcome;

  @Column(name = "http_status")
  private Integer httpStatus;

  private String error;

  @Column(name = "duration_ms")
  private long durationMs;

  protected WebhookAttempt() {}

  WebhookAttempt(String webhookId, Long eventId, String eventType, String deliveryId, Instant attemptedAt,
                 Outcome outcome, Integer httpStatus, String error, long durationMs) {
    this.webhookId = webhookId;
    this.eventId = eventId;
    this.eventType = eventType;
    this.deliveryId = deliveryId;
    this.attemptedAt = attemptedAt;
    this.outcome = outcome;
    this.httpStatus = httpStatus;
    this.error = error == null || error.length() <= 500 ? error : error.substring(0, 500);
    this.durationMs = durationMs;
  }

  Long getId() {
    return id;
  }

  String getWebhookId() {
    return webhookId;
  }

  Long getEventId() {
    return eventId;
  }

  String getEventType() {
    return eventType;
  }

  String getDeliveryId() {
    return deliveryId;
  }

  Instant getAttemptedAt() {
    return attemptedAt;
  }

  Outcome getOutcome() {
    return outcome;
  }

  Integer getHttpStatus() {
    return httpStatus;
  }

  String getError() {
    return error;
  }

  long getDurationMs() {
    return durationMs;
  }
}
