package org.pluginreview.plugin;

/** Who holds a version's open review task, if anyone: a version's actions depend on it. */
public interface ReviewClaims {

  String reviewClaimedBy(String processInstanceId);
}
