package org.pluginreview.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One line of a listing's audit history; never changed once written. */
@Entity
@Immutable
@Table(name = "listing_event")
public class ListingEvent {

  public enum Type { LISTING_REQUESTED, LISTING_APPROVED, LISTING_REJECTED, LISTING_WITHDRAWN, UNLISTED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "plugin_id")
  private String pluginId;

  @Enumerated(EnumType.STRING)
  private Type action;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  private ListingStatus fromStatus;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status")
  private ListingStatus toStatus;

  private String actor;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  private String comment;

  @Column(name = "process_instance_id")
  private String processInstanceId;

  protected ListingEvent() {}

  ListingEvent(String pluginId, Type action, ListingStatus from, ListingStatus to, String actor, Instant at,
               String comment, String processInstanceId) {
    this.pluginId = pluginId;
    this.action = action;
    this.fromStatus = from;
    this.toStatus = to;
    this.actor = actor;
    this.occurredAt = at;
    this.comment = comment;
    this.processInstanceId = processInstanceId;
  }

  public Type getAction() {
    return action;
  }

  public ListingStatus getFromStatus() {
    return fromStatus;
  }

  public ListingStatus getToStatus() {
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
}
