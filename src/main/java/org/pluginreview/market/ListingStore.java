package org.pluginreview.market;

import java.util.Optional;

/** What the listing lifecycle reads and writes; the database behind it is the application's business. */
public interface ListingStore {

  Optional<Listing> listing(String pluginId);

  Listing add(Listing listing);

  void append(ListingEvent event);
}
