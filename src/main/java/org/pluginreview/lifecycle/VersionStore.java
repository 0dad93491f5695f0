package org.pluginreview.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the lifecycle reads and writes; the database behind it is the application's business. */
public interface VersionStore {

  /**
   * The plugin, locked until the transaction ends: every change to its versions takes this lock first.
   * Asking again in the same transaction costs nothing.
   */
  Optional<Plugin> lockPlugin(String pluginId);

  /** The plugin, unlocked: for reading. */
  Optional<Plugin> plugin(String pluginId);

  Optional<PluginVersion> version(String pluginId, String version);

  /**
   * The addressed version (if any) and the siblings the rules look at: in flight, live, the trial. A
   * mutable list, in no particular order.
   */
  List<PluginVersion> relevant(String pluginId, String version);

  boolean exists(String pluginId, String version);

  /** Versions that were live and were taken offline, the most recently live first: at most {@code limit}. */
  List<PluginVersion> earlierLive(String pluginId, int limit);

  void add(PluginVersion version);

  void remove(PluginVersion version);

  void append(VersionEvent event);

  /** How many events of this kind the person caused since then: a quota's use. */
  long countActions(String actor, VersionEvent.Type action, Instant since);

  /** When the version last entered manual review. */
  Optional<Instant> enteredReview(String pluginId, String version);
}
