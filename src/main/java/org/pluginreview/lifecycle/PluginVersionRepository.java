package org.pluginreview.lifecycle;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PluginVersionRepository extends JpaRepository<PluginVersion, Long> {

  /** Besides the addressed version, the statuses the rules look at across a plugin's versions. */
  Set<VersionStatus> RELEVANT = EnumSet.of(VersionStatus.SELF_CHECK, VersionStatus.AUDITING,
      VersionStatus.APPROVED, VersionStatus.GRAY, VersionStatus.RELEASED);

  List<PluginVersion> findByIdGreaterThanOrderById(long id, Limit limit);

  @Query("select v.processInstanceId from PluginVersion v where v.processInstanceId in :ids")
  Set<String> findReferencedProcessInstances(Collection<String> ids);

  Optional<PluginVersion> findByPluginIdAndVersion(String pluginId, String version);

  boolean existsByPluginIdAndVersion(String pluginId, String version);

  List<PluginVersion> findByPluginIdOrderByMajorDescMinorDescPatchDesc(String pluginId);

  /** The addressed version (if any) and the ones the rules look at besides it: in flight, live, the trial. */
  @Query("select v from PluginVersion v where v.pluginId = :pluginId"
      + " and (v.status in :statuses or v.trial = true or v.version = :version"
      + " or v.appealState = org.pluginreview.lifecycle.AppealState.PENDING)")
  List<PluginVersion> findRelevant(String pluginId, Collection<VersionStatus> statuses, String version);

  List<PluginVersion> findByPluginIdAndStatusOrderByReleasedAtDesc(String pluginId, VersionStatus status, Limit limit);
}
