package org.pluginreview.notify;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.pluginreview.lifecycle.PendingEventRepository;
import org.pluginreview.lifecycle.VersionEvent;
import org.pluginreview.lifecycle.VersionEventRepository;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes events out of the outbox and starts their deliveries, in one transaction: an event is either
 * still pending or has its deliveries waiting as jobs, whichever node dies when. Every node polls; a node
 * that loses the race for an event finds it already taken.
 */
@Component
public class EventDispatcher {

  static final int BATCH = 100;

  private final PendingEventRepository pending;
  private final VersionEventRepository events;
  private final WebhookRepository webhooks;
  private final MailRecipients recipients;
  private final RuntimeService runtimeService;
  private final TransactionTemplate transaction;

  EventDispatcher(PendingEventRepository pending, VersionEventRepository events, WebhookRepository webhooks,
                  MailRecipients recipients, RuntimeService runtimeService,
                  PlatformTransactionManager transactions) {
    this.pending = pending;
    this.events = events;
    this.webhooks = webhooks;
    this.recipients = recipients;
    this.runtimeService = runtimeService;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(initialDelayString = "${plugin-review.notifications.first-after:PT5S}",
      fixedDelayString = "${plugin-review.notifications.every:PT1S}")
  void poll() {
    while (dispatch() == BATCH) {
      // a backlog: keep going
    }
  }

  /** Starts the deliveries of up to {@link #BATCH} pending events; how many it took out. */
  public int dispatch() {
    Integer taken = transaction.execute(tx -> {
      List<Long> ids = pending.oldest(PageRequest.of(0, BATCH));
      int count = 0;
      for (Long id : ids) {
        if (pending.take(id) == 1) { // 0: another node took it meanwhile
          events.findById(id).ifPresent(this::deliver);
          count++;
        }
      }
      return count;
    });
    return taken == null ? 0 : taken;
  }

  private void deliver(VersionEvent event) {
    String type = EventTypes.of(event.getAction());
    for (Webhook webhook : webhooks.findByPluginIdOrderByCreatedAt(event.getPluginId())) {
      // a webhook hears of what happens from its registration on
      if (webhook.wants(type) && !event.getOccurredAt().isBefore(webhook.getCreatedAt())) {
        VariableMap variables = Variables.createVariables();
        DeliveryProcess.Var.CHANNEL.put(variables, DeliveryProcess.Channel.WEBHOOK);
        DeliveryProcess.Var.EVENT_ID.put(variables, event.getId());
        DeliveryProcess.Var.WEBHOOK_ID.put(variables, webhook.getId());
        runtimeService.startProcessInstanceByKey(DeliveryProcess.KEY, String.valueOf(event.getId()), variables);
      }
    }
    MailKind.of(event.getAction()).flatMap(kind -> recipients.of(event, kind)).ifPresent(submitter -> {
      VariableMap variables = Variables.createVariables();
      DeliveryProcess.Var.CHANNEL.put(variables, DeliveryProcess.Channel.MAIL);
      DeliveryProcess.Var.EVENT_ID.put(variables, event.getId());
      runtimeService.startProcessInstanceByKey(DeliveryProcess.KEY, String.valueOf(event.getId()), variables);
    });
  }
}
