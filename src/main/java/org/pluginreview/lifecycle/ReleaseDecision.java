package org.pluginreview.lifecycle;

/** What the owner decides on the release task of an approved version. */
public enum ReleaseDecision {
  GO_LIVE(Action.RELEASE), START_GRAY(Action.START_GRAY), RAISE_GRAY(Action.RAISE_GRAY),
  CANCEL_GRAY(Action.CANCEL_GRAY), RETURN_TO_DEVELOPMENT(Action.RETURN_TO_DEVELOPMENT);

  private final Action action;

  ReleaseDecision(Action action) {
    this.action = action;
  }

  public Action action() {
    return action;
  }

  boolean setsPercentage() {
    return this == START_GRAY || this == RAISE_GRAY;
  }
}
