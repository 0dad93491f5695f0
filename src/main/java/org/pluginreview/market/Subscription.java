package org.pluginreview.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A merchant's subscription to a plugin in the market; it outlasts the plugin going offline. */
@Entity
@Table(name = "market_subscription")
@IdClass(Subscription.Key.class)
class Subscription {

  record Key(String pluginId, String merchantId) implements Serializable {
    Key() {
      this(null, null);
    }
  }

  @Id
  @Column(name = "plugin_id")
  private String pluginId;

  @Id
  @Column(name = "merchant_id")
  private String merchantId;

  @Column(name = "subscribed_at", nullable = false, updatable = false)
  private Instant subscribedAt;

  protected Subscription() {}

  Subscription(String pluginId, String merchantId, Instant subscribedAt) {
    this.pluginId = pluginId;
    this.merchantId = merchantId;
    this.subscribedAt = subscribedAt;
  }

  String getPluginId() {
    return pluginId;
  }

  String getMerchantId() {
    return merchantId;
  }

  Instant getSubscribedAt() {
    return subscribedAt;
  }
}
