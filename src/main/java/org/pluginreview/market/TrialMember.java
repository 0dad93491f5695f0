package org.pluginreview.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A merchant or user the owner named to run the plugin's trial version. */
@Entity
@Table(name = "trial_member")
@IdClass(TrialMember.Key.class)
class TrialMember {

  record Key(String pluginId, String memberId) implements Serializable {
    Key() {
      this(null, null);
    }
  }

  @Id
  @Column(name = "plugin_id")
  private String pluginId;

  @Id
  @Column(name = "member_id")
  private String memberId;

  protected TrialMember() {}

  TrialMember(String pluginId, String memberId) {
    this.pluginId = pluginId;
    this.memberId = memberId;
  }

  String getMemberId() {
    return memberId;
  }
}
