package org.pluginreview.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A kind of mail one person turned off. */
@Entity
@Table(name = "mail_opt_out")
@IdClass(MailOptOut.Key.class)
class MailOptOut {

  record Key(String userId, MailKind kind) implements Serializable {
    Key() {
      this(null, null);
    }
  }

  @Id
  @Column(name = "user_id")
  private String userId;

  @Id
  @Enumerated(EnumType.STRING)
  private MailKind kind;

  protected MailOptOut() {}

  MailOptOut(String userId, MailKind kind) {
    this.userId = userId;
    this.kind = kind;
  }

  MailKind getKind() {
    return kind;
  }
}
