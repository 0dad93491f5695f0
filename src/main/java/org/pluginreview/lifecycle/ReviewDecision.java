package org.pluginreview.lifecycle;

/** What a reviewer decides on the review task. */
public enum ReviewDecision {
  APPROVE(Action.APPROVE), REJECT(Action.REJECT);

  private final Action action;

  ReviewDecision(Action action) {
    this.action = action;
  }

  Action action() {
    return action;
  }
}
