package org.pluginreview.market;

/** Where the owner's latest listing request stands; whether a text is public is the listing's {@code listed}. */
public enum ListingStatus { IN_REVIEW, LISTED, REJECTED, UNLISTED }
