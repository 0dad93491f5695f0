package org.pluginreview.lifecycle;

/**
 * What a person decided by completing a review task of one review process ({@code review}), recorded
 * with the version until the step that carries it out.
 */
record Decision(Action action, String by, String review, Integer percentage, String category, String comment) {

  static Decision of(Action action, String by, String review) {
    return new Decision(action, by, review, null, null, null);
  }
}
