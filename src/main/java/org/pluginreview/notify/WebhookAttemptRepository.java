package org.pluginreview.notify;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookAttemptRepository extends JpaRepository<WebhookAttempt, Long> {

  List<WebhookAttempt> findByWebhookIdOrderByIdDesc(String webhookId, Pageable page);
}
