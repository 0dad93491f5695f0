package org.pluginreview.plugin;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface VersionEventRepository extends JpaRepository<VersionEvent, Long> {

  List<VersionEvent> findByPluginIdAndVersionOrderByIdAsc(String pluginId, String version);
}
