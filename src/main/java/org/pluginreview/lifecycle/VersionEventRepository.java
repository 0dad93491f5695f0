package org.pluginreview.lifecycle;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VersionEventRepository extends JpaRepository<VersionEvent, Long> {

  List<VersionEvent> findByPluginIdAndVersionOrderByIdAsc(String pluginId, String version);

  long countByActorAndActionAndOccurredAtGreaterThanEqual(String actor, VersionEvent.Type action, java.time.Instant since);

  List<VersionEvent> findByPluginIdAndActionOrderByIdDesc(String pluginId, VersionEvent.Type action, Pageable page);
}
