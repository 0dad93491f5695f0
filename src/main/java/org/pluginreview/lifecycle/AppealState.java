package org.pluginreview.lifecycle;

/** A version's one appeal against its rejection, decided by a review lead. */
public enum AppealState { PENDING, UPHELD, DENIED }
