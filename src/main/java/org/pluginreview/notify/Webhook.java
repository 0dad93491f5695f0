package org.pluginreview.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An owner's endpoint for a plugin's events. The secret is shown once, when it is registered. */
@Entity
@Table(name = "webhook")
class Webhook {

  @Id
  private String id;

  @Column(name = "plugin_id")
  private String pluginId;

  private String url;

  /** The event types it wants, comma-separated. */
  private String events;

  private String secret;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  protected Webhook() {}

  Webhook(String pluginId, String url, List<String> events, String secret, String createdBy, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.pluginId = pluginId;
    this.url = url;
    this.events = String.join(",", events);
    this.secret = secret;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  String getId() {
    return id;
  }

  String getPluginId() {
    return pluginId;
  }

  String getUrl() {
    return url;
  }

  List<String> getEvents() {
    return Arrays.asList(events.split(","));
  }

  boolean wants(String eventType) {
    return getEvents().contains(eventType);
  }

  String getSecret() {
    return secret;
  }

  String getCreatedBy() {
    return createdBy;
  }

  Instant getCreatedAt() {
    return createdAt;
  }
}
