package org.pluginreview.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.PluginRepository;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A plugin's webhooks, managed by its owner (or an administrator). */
@Service
@Transactional
class Webhooks {

  static final int MAX_PER_PLUGIN = 10;
  static final int DELIVERIES_SHOWN = 100;

  /** What GET shows: never the secret. */
  record WebhookView(String id, String pluginId, String url, List<String> events, String createdBy, Instant createdAt) {
    static WebhookView of(Webhook w) {
      return new WebhookView(w.getId(), w.getPluginId(), w.getUrl(), w.getEvents(), w.getCreatedBy(), w.getCreatedAt());
    }
  }

  /** What registration answers, once: the secret to check signatures with. */
  record Registered(String id, String pluginId, String url, List<String> events, String createdBy, Instant createdAt,
                    String secret) {}

  record AttemptView(Long eventId, String eventType, String deliveryId, Instant attemptedAt,
                     WebhookAttempt.Outcome outcome, Integer httpStatus, String error, long durationMs) {
    static AttemptView of(WebhookAttempt a) {
      return new AttemptView(a.getEventId(), a.getEventType(), a.getDeliveryId(), a.getAttemptedAt(), a.getOutcome(),
          a.getHttpStatus(), a.getError(), a.getDurationMs());
    }
  }

  private final PluginRepository plugins;
  private final WebhookRepository webhooks;
  private final WebhookAttemptRepository attempts;
  private final Endpoints endpoints;
  private final Clock clock;

  Webhooks(PluginRepository plugins, WebhookRepository webhooks, WebhookAttemptRepository attempts, Endpoints endpoints,
           Clock clock) {
    this.plugins = plugins;
    this.webhooks = webhooks;
    this.attempts = attempts;
    this.endpoints = endpoints;
    this.clock = clock;
  }

  Registered register(Actor actor, String pluginId, String url, List<String> events) {
    Plugin plugin = manageable(actor, pluginId, true);
    try {
      endpoints.check(url);
    } catch (Endpoints.Refused refused) {
      throw ErrorCode.VALIDATION_FAILED.exception("This URL cannot receive webhooks: " + refused.getMessage() + ".")
          .with("fields", Map.of("url", refused.getMessage()));
    }
    List<String> wanted = events == null ? EventTypes.ALL : events;
    if (wanted.isEmpty() || wanted.stream().anyMatch(e -> !EventTypes.ALL.contains(e))
        || wanted.stream().distinct().count() != wanted.size()) {
      throw ErrorCode.VALIDATION_FAILED.exception("events lists each wanted event type once, or is left out for all.")
          .with("fields", Map.of("events", "distinct values of " + EventTypes.ALL));
    }
    if (webhooks.countByPluginId(plugin.getPluginId()) >= MAX_PER_PLUGIN) {
      throw ErrorCode.CONFLICT.exception("A plugin has at most " + MAX_PER_PLUGIN + " webhooks; delete one first.");
    }
    Webhook w = webhooks.save(new Webhook(plugin.getPluginId(), url, wanted, Signature.newSecret(), actor.userId(),
        clock.instant()));
    return new Registered(w.getId(), w.getPluginId(), w.getUrl(), w.getEvents(), w.getCreatedBy(), w.getCreatedAt(),
        w.getSecret());
  }

  @Transactional(readOnly = true)
  List<WebhookView> list(Actor actor, String pluginId) {
    Plugin plugin = manageable(actor, pluginId, false);
    return webhooks.findByPluginIdOrderByCreatedAt(plugin.getPluginId()).stream().map(WebhookView::of).toList();
  }

  @Transactional(readOnly = true)
  WebhookView get(Actor actor, String pluginId, String id) {
    return WebhookView.of(webhook(actor, pluginId, id, false));
  }

  void delete(Actor actor, String pluginId, String id) {
    webhooks.delete(webhook(actor, pluginId, id, true));
  }

  @Transactional(readOnly = true)
  List<AttemptView> deliveries(Actor actor, String pluginId, String id) {
    Webhook w = webhook(actor, pluginId, id, false);
    return attempts.findByWebhookIdOrderByIdDesc(w.getId(), PageRequest.of(0, DELIVERIES_SHOWN)).stream()
        .map(AttemptView::of).toList();
  }

  private Webhook webhook(Actor actor, String pluginId, String id, boolean lock) {
    Plugin plugin = manageable(actor, pluginId, lock);
    return webhooks.findById(id).filter(w -> w.getPluginId().equals(plugin.getPluginId()))
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("No webhook " + id + " for plugin " + pluginId + "."));
  }

  /** The owner's or an administrator's; others who may read the plugin may not see where it reports to. */
  private Plugin manageable(Actor actor, String pluginId, boolean lock) {
    Plugin plugin = VersionLifecycle.visible(actor,
        lock ? plugins.lockByPluginId(pluginId) : plugins.findByPluginId(pluginId), pluginId);
    if (!actor.userId().equals(plugin.getOwner()) && !actor.isAdmin()) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner or an administrator manages its webhooks.");
    }
    return plugin;
  }
}
