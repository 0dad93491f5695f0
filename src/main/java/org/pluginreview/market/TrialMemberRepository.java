package org.pluginreview.market;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TrialMemberRepository extends JpaRepository<TrialMember, TrialMember.Key> {

  boolean existsByPluginIdAndMemberId(String pluginId, String memberId);

  List<TrialMember> findByPluginIdOrderByMemberId(String pluginId);

  @Modifying(flushAutomatically = true)
  @Query("delete from TrialMember t where t.pluginId = :pluginId")
  void deleteByPluginId(String pluginId);
}
