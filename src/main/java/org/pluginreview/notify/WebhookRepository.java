package org.pluginreview.notify;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookRepository extends JpaRepository<Webhook, String> {

  List<Webhook> findByPluginIdOrderByCreatedAt(String pluginId);

  long countByPluginId(String pluginId);
}
