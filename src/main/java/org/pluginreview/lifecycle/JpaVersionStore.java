package org.pluginreview.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
class JpaVersionStore implements VersionStore {

  private final PluginRepository plugins;
  private final PluginVersionRepository versions;
  private final VersionEventRepository events;

  JpaVersionStore(PluginRepository plugins, PluginVersionRepository versions, VersionEventRepository events) {
    this.plugins = plugins;
    this.versions = versions;
    this.events = events;
  }

  @Override
  public Optional<Plugin> lockPlugin(String pluginId) {
    return plugins.lockByPluginId(pluginId);
  }

  /** One query however many versions the plugin has had: an action's cost stays flat as they pile up. */
  @Override
  public List<PluginVersion> relevant(String pluginId, String version) {
    return new ArrayList<>(versions.findRelevant(pluginId, PluginVersionRepository.RELEVANT, version));
  }

  @Override
  public boolean exists(String pluginId, String version) {
    return versions.existsByPluginIdAndVersion(pluginId, version);
  }

  @Override
  public void add(PluginVersion version) {
    versions.saveAndFlush(version);
  }

  @Override
  public void remove(PluginVersion version) {
    versions.delete(version);
  }

  @Override
  public void append(VersionEvent event) {
    events.save(event);
  }

  @Override
  public Optional<Instant> enteredReview(String pluginId, String version) {
    List<VersionEvent> trail = events.findByPluginIdAndVersionOrderByIdAsc(pluginId, version);
    for (int i = trail.size() - 1; i >= 0; i--) {
      if (trail.get(i).getAction() == VersionEvent.Type.PRE_REVIEW_PASSED) {
        return Optional.of(trail.get(i).getOccurredAt());
      }
    }
    return Optional.empty();
  }
}
