package org.pluginreview.lifecycle;

import jakarta.persistence.Embeddable;

/** One thing the automatic pre-review found wrong. */
@Embeddable
public record Finding(String code, String detail) {}
