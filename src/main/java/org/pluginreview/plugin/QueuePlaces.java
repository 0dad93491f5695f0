package org.pluginreview.plugin;

import java.util.Optional;
import org.pluginreview.plugin.PluginViews.Queue;

/** Where a version under review stands in the review queue; the review adapter knows, this package asks. */
public interface QueuePlaces {

  /** Empty when the version has no place in the queue. */
  Optional<Queue> place(String pluginId, String version);
}
