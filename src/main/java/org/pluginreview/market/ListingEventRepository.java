package org.pluginreview.market;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ListingEventRepository extends JpaRepository<ListingEvent, Long> {

  List<ListingEvent> findByPluginIdOrderByIdAsc(String pluginId);
}
