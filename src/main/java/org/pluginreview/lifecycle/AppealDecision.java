package org.pluginreview.lifecycle;

/** What a review lead decides on an appeal: reverse the rejection (the version is approved) or keep it. */
public enum AppealDecision { UPHOLD, DENY }
