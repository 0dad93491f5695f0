package org.pluginreview.lifecycle;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jakarta.persistence.LockModeType;
import org.hibernate.engine.spi.NaturalIdResolutions;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's store on JPA. Plugins and versions are found by their natural keys through the
 * transaction's persistence context: what a step has already loaded or locked in this transaction is
 * not read again, however many steps of one request ask for it.
 */
@Component
class JpaVersionStore implements VersionStore {

  private final EntityManager entityManager;
  private final PluginRepository plugins;
  private final PluginVersionRepository versions;
  private final VersionEventRepository events;

  JpaVersionStore(EntityManager entityManager, PluginRepository plugins, PluginVersionRepository versions,
                  VersionEventRepository events) {
    this.entityManager = entityManager;
    this.plugins = plugins;
    this.versions = versions;
    this.events = events;
  }

  @Override
  public Optional<Plugin> lockPlugin(String pluginId) {
    Object id = known(Plugin.class, pluginId);
    return id != null ? Optional.ofNullable(entityManager.find(Plugin.class, id, LockModeType.PESSIMISTIC_WRITE))
        : plugins.lockByPluginId(pluginId);
  }

  @Override
  public Optional<Plugin> plugin(String pluginId) {
    Object id = known(Plugin.class, pluginId);
    return id != null ? Optional.ofNullable(entityManager.find(Plugin.class, id)) : plugins.findByPluginId(pluginId);
  }

  @Override
  public Optional<PluginVersion> version(String pluginId, String version) {
    Object id = known(PluginVersion.class, new Object[] {pluginId, version});
    return id != null ? Optional.ofNullable(entityManager.find(PluginVersion.class, id))
        : versions.findByPluginIdAndVersion(pluginId, version);
  }

  /**
   * The id of the entity with this natural key if this transaction has already loaded it, else null: a
   * lookup by natural key through Hibernate's own API builds its SQL afresh each time it must ask the
   * database, so the database is asked through the repositories' prepared queries instead.
   */
  private Object known(Class<?> type, Object naturalId) {
    SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
    EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    Object id = session.getPersistenceContextInternal().getNaturalIdResolutions()
        .findCachedIdByNaturalId(naturalId, persister);
    return id == NaturalIdResolutions.INVALID_NATURAL_ID_REFERENCE ? null : id;
  }

  /** One query however many versions the plugin has had: an action's cost stays flat as they pile up. */
  @Override
  public List<PluginVersion> relevant(String pluginId, String version) {
    return new ArrayList<>(versions.findRelevant(pluginId, PluginVersionRepository.RELEVANT, version));
  }

  @Override
  public long countActions(String actor, VersionEvent.Type action, Instant since) {
    return events.countByActorAndActionAndOccurredAtGreaterThanEqual(actor, action, since);
  }

  @Override
  public List<PluginVersion> earlierLive(String pluginId, int limit) {
    return versions.findByPluginIdAndStatusOrderByReleasedAtDesc(pluginId, VersionStatus.OFFLINE, Limit.of(limit));
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
    entityManager.persist(new PendingEvent(event.getId())); // the outbox row, in the same transaction
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
