package org.pluginreview.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** One line of a version's audit history; never changed once written. */
@Entity
@Immutable
@Table(name = "version_event")
public class VersionEvent {

  public enum Type {
    UPLOADED, EDITED, DELETED, TRIAL_SET, TRIAL_CANCELLED, SUBMITTED, SELF_CHECK_CONFIRMED,
    PRE_REVIEW_PASSED, PRE_REVIEW_FAILED, WITHDRAWN, APPROVED, REJECTED, REVIEW_ESCALATED,
    GRAY_STARTED, GRAY_RAISED, GRAY_CANCELLED, RELEASED, TAKEN_OFFLINE, RETURNED_TO_DEVELOPMENT,
    ROLLED_BACK, BROUGHT_ONLINE, EXPEDITED, MESSAGE_POSTED, APPEALED, APPEAL_UPHELD, APPEAL_DENIED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "plugin_id")
  private String pluginId;

  private String version;

  @Enumerated(EnumType.STRING)
  private Type action;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  private VersionStatus fromStatus;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status")
  private VersionStatus toStatus;

  private String actor;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  private String comment;

  @Column(name = "process_instance_id")
  private String processInstanceId;

  /** The review standard items a rejection cites, comma-separated; null for anything else. */
  private String findings;

  /** Between a rejection's reason category and its comment in {@link #getComment()}. */
  static final String REASON_SEPARATOR = ": ";

  /** A rejection's reason, as its history event keeps it. */
  public record Reason(String category, String comment) {}

  protected VersionEvent() {}

  VersionEvent(PluginVersion v, Type action, VersionStatus from, String actor, Instant at, String comment) {
    this.pluginId = v.getPluginId();
    this.version = v.getVersion();
    this.action = action;
    this.fromStatus = from;
    this.toStatus = v.getStatus();
    this.actor = actor;
    this.occurredAt = at;
    this.comment = comment;
    this.processInstanceId = v.getProcessInstanceId();
  }

  VersionEvent(PluginVersion v, Type action, VersionStatus from, String actor, Instant at, String comment,
               List<String> findings) {
    this(v, action, from, actor, at, comment);
    this.findings = findings == null || findings.isEmpty() ? null : String.join(",", findings);
  }

  public Long getId() {
    return id;
  }

  public String getPluginId() {
    return pluginId;
  }

  public String getVersion() {
    return version;
  }

  public Type getAction() {
    return action;
  }

  public VersionStatus getFromStatus() {
    return fromStatus;
  }

  public VersionStatus getToStatus() {
    return toStatus;
  }

  public String getActor() {
    return actor;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getComment() {
    return comment;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  /** The review standard items a rejection cites, in the order given. */
  public List<String> findings() {
    return findings == null ? List.of() : List.of(findings.split(","));
  }

  /** For a rejection, its reason category and comment; empty for anything else. */
  public java.util.Optional<Reason> reason() {
    if (action != Type.REJECTED || comment == null || !comment.contains(REASON_SEPARATOR)) {
      return java.util.Optional.empty();
    }
    int at = comment.indexOf(REASON_SEPARATOR);
    return java.util.Optional.of(new Reason(comment.substring(0, at), comment.substring(at + REASON_SEPARATOR.length())));
  }
}
