package org.pluginreview.market;

import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
class JpaListingStore implements ListingStore {

  private final ListingRepository listings;
  private final ListingEventRepository events;

  JpaListingStore(ListingRepository listings, ListingEventRepository events) {
    this.listings = listings;
    this.events = events;
  }

  @Override
  public Optional<Listing> listing(String pluginId) {
    return listings.findById(pluginId);
  }

  @Override
  public Listing add(Listing listing) {
    return listings.save(listing);
  }

  @Override
  public void append(ListingEvent event) {
    events.save(event);
  }
}
