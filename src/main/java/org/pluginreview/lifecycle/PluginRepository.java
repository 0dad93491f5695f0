package org.pluginreview.lifecycle;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PluginRepository extends JpaRepository<Plugin, Long> {

  Optional<Plugin> findByPluginId(String pluginId);

  /** Every change to a plugin's versions takes this lock first, so rules across versions hold under races. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Plugin p where p.pluginId = :pluginId")
  Optional<Plugin> lockByPluginId(String pluginId);

  List<Plugin> findByOwnerOrderByPluginId(String owner, Pageable page);

  List<Plugin> findAllByOrderByPluginId(Pageable page);

  boolean existsByPluginKey(String pluginKey);
}
