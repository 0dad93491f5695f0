package org.pluginreview.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A history event not yet announced: written with the event in its transaction (the outbox), taken out
 * by whoever starts its deliveries in theirs.
 */
@Entity
@Table(name = "pending_event")
public class PendingEvent {

  @Id
  @Column(name = "event_id")
  private Long eventId;

  protected PendingEvent() {}

  PendingEvent(Long eventId) {
    this.eventId = eventId;
  }

  public Long getEventId() {
    return eventId;
  }
}
