package org.pluginreview.lifecycle;

import java.util.List;

/**
 * What a person decided by completing a review task of one review process ({@code review}), recorded
 * with the version until the step that carries it out.
 */
record Decision(Action action, String by, String review, Integer percentage, String category, String comment,
                List<String> findings) {

  Decision(Action action, String by, String review, Integer percentage, String category, String comment) {
    this(action, by, review, percentage, category, comment, List.of());
  }

  static Decision of(Action action, String by, String review) {
    return new Decision(action, by, review, null, null, null);
  }
}
