package org.pluginreview.notify;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface MailOptOutRepository extends JpaRepository<MailOptOut, MailOptOut.Key> {

  List<MailOptOut> findByUserId(String userId);

  boolean existsByUserIdAndKind(String userId, MailKind kind);
}
