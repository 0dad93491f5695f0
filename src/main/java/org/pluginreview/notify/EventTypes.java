package org.pluginreview.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pluginreview.lifecycle.VersionEvent;

/** The event types a webhook may ask for: one per kind of history event, {@code version.rejected} and so on. */
final class EventTypes {

  static final List<String> ALL = Arrays.stream(VersionEvent.Type.values()).map(EventTypes::of).toList();

  private EventTypes() {}

  static String of(VersionEvent.Type type) {
    return "version." + type.name().toLowerCase(Locale.ROOT);
  }
}
