package org.pluginreview.market;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface SubscriptionRepository extends JpaRepository<Subscription, Subscription.Key> {

  long countByPluginId(String pluginId);

  List<Subscription> findByMerchantIdOrderByPluginId(String merchantId, Pageable page);

  List<Subscription> findByPluginIdOrderByMerchantId(String pluginId, Pageable page);
}
