package org.pluginreview.lifecycle;

import java.time.Duration;

/** Counts lifecycle events for operators; counted once the change commits. */
public interface LifecycleCounters {

  void submitted();

  void decided(boolean approved, Duration waited);

  void released();

  LifecycleCounters NONE = new LifecycleCounters() {
    @Override
    public void submitted() {}

    @Override
    public void decided(boolean approved, Duration waited) {}

    @Override
    public void released() {}
  };
}
