package org.pluginreview.market;

import jakarta.persistence.Embeddable;

/** What the market shows of a plugin, as its owner wrote it. */
@Embeddable
public record ListingText(String title, String summary, String category, String description, String supportContact,
                          String supportUrl) {}
