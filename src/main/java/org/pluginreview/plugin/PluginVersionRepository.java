package org.pluginreview.plugin;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PluginVersionRepository extends JpaRepository<PluginVersion, Long> {

  Optional<PluginVersion> findByPluginIdAndVersion(String pluginId, String version);

  List<PluginVersion> findByPluginIdOrderByMajorDescMinorDescPatchDesc(String pluginId);
}
