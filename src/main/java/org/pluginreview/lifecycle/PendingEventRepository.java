package org.pluginreview.lifecycle;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PendingEventRepository extends JpaRepository<PendingEvent, Long> {

  @Query("select p.eventId from PendingEvent p order by p.eventId")
  List<Long> oldest(Pageable page);

  /** 1 for the caller that takes the event out, 0 for any other node that raced for it. */
  @Modifying
  @Query("delete from PendingEvent p where p.eventId = :eventId")
  int take(Long eventId);
}
