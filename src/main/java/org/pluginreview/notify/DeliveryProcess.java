package org.pluginreview.notify;

import org.pluginreview.review.ReviewProcess.Variable;

/** The one place that spells the event delivery's key, element ids and variables (processes/event-delivery.bpmn). */
public final class DeliveryProcess {

  public static final String KEY = "eventDelivery";

  public static final String START = "start_eventToDeliver";
  public static final String GATEWAY_CHANNEL = "gateway_channel";
  public static final String SEND_WEBHOOK = "serviceTask_sendWebhook";
  public static final String END_WEBHOOK_SENT = "end_webhookSent";
  public static final String SEND_MAIL = "serviceTask_sendMail";
  public static final String END_MAIL_SENT = "end_mailSent";

  /** Ids only: the steps load the event and the webhook, and work out the mail's recipient themselves. */
  public static final class Var {
    public static final Variable<String> CHANNEL = new Variable<>("channel", String.class);
    public static final Variable<Long> EVENT_ID = new Variable<>("eventId", Long.class);
    public static final Variable<String> WEBHOOK_ID = new Variable<>("webhookId", String.class);

    private Var() {}
  }

  /** The values of {@link Var#CHANNEL} the gateway routes on. */
  public static final class Channel {
    public static final String WEBHOOK = "webhook";
    public static final String MAIL = "mail";

    private Channel() {}
  }

  private DeliveryProcess() {}
}
