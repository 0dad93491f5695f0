package org.pluginreview.lifecycle;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.LockMode;
import org.hibernate.LockOptions;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's store on JPA. Plugins and versions are found by their natural keys through the
 * transaction's persistence context: what a step has already loaded or locked in this transaction is
 * not read again, however many steps of one request ask for it.
 */
@Component
class JpaVersionStore implements VersionStore {

  private final EntityManager entityManager;
  private final PluginVersionRepository versions;
  private final VersionEventRepository events;

  JpaVersionStore(EntityManager entityManager, PluginVersionRepository versions, VersionEventRepository events) {
    this.entityManager = entityManager;
    this.versions = versions;
    this.events = events;
  }

  @Override
  public Optional<Plugin> lockPlugin(String pluginId) {
    return session().bySimpleNaturalId(Plugin.class).with(new LockOptions(LockMode.PESSIMISTIC_WRITE))
        .loadOptional(pluginId);
  }

  @Override
  public Optional<Plugin> plugin(String pluginId) {
    return session().bySimpleNaturalId(Plugin.class).loadOptional(pluginId);
  }

  @Override
  public Optional<PluginVersion> version(String pluginId, String version) {
    return session().byNaturalId(PluginVersion.class).using("pluginId", pluginId).using("version", version)
        .loadOptional();
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

  private Session session() {
    return entityManager.unwrap(Session.class);
  }
}
