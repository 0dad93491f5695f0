package org.pluginreview.lifecycle;

/** The pre-submission checklist; every item must be ticked. */
public enum SelfCheckItem {
  FEATURE_PACKAGES, VERSION_INFO, BASIC_INFO, REVIEW_STANDARD, TESTED
}
