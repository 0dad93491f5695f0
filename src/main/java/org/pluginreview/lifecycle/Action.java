package org.pluginreview.lifecycle;

import static org.pluginreview.lifecycle.VersionStatus.APPROVED;
import static org.pluginreview.lifecycle.VersionStatus.AUDITING;
import static org.pluginreview.lifecycle.VersionStatus.AUDIT_REJECTED;
import static org.pluginreview.lifecycle.VersionStatus.DEVELOPMENT;
import static org.pluginreview.lifecycle.VersionStatus.GRAY;

import java.util.EnumSet;
import java.util.Set;

/** What can be done to a version, by whom, from which statuses (PRODUCT.md, "Actions"). */
public enum Action {
  EDIT(Role.OWNER, DEVELOPMENT, AUDIT_REJECTED),
  DELETE(Role.OWNER, DEVELOPMENT, AUDIT_REJECTED),
  SET_TRIAL(Role.OWNER, DEVELOPMENT, VersionStatus.SELF_CHECK, AUDITING, AUDIT_REJECTED, APPROVED, GRAY),
  CANCEL_TRIAL(Role.OWNER, DEVELOPMENT, VersionStatus.SELF_CHECK, AUDITING, AUDIT_REJECTED, APPROVED, GRAY),
  SUBMIT(Role.OWNER, DEVELOPMENT, AUDIT_REJECTED),
  SELF_CHECK(Role.SUBMITTER, VersionStatus.SELF_CHECK),
  WITHDRAW(Role.OWNER, VersionStatus.SELF_CHECK, AUDITING),
  APPROVE(Role.REVIEWER, AUDITING),
  REJECT(Role.REVIEWER, AUDITING),
  START_GRAY(Role.OWNER, APPROVED),
  RAISE_GRAY(Role.OWNER, GRAY),
  CANCEL_GRAY(Role.OWNER, GRAY),
  RELEASE(Role.OWNER, APPROVED, GRAY),
  RETURN_TO_DEVELOPMENT(Role.OWNER, APPROVED, GRAY),
  /** Make an earlier live version live again, with no new review: it was reviewed before. */
  ROLLBACK(Role.OWNER, VersionStatus.OFFLINE),
  /** Ask for a faster review, with a reason: once a review, within a monthly quota. */
  EXPEDITE(Role.OWNER, AUDITING),
  /** Ask a review lead to reverse the rejection: once a version. */
  APPEAL(Role.OWNER, AUDIT_REJECTED),
  /** A review lead reverses the rejection (the version is approved) or keeps it. */
  UPHOLD_APPEAL(Role.LEAD, AUDIT_REJECTED),
  DENY_APPEAL(Role.LEAD, AUDIT_REJECTED);

  enum Role { OWNER, SUBMITTER, REVIEWER, LEAD }

  private final Role role;
  private final Set<VersionStatus> from;

  Action(Role role, VersionStatus first, VersionStatus... rest) {
    this.role = role;
    this.from = EnumSet.of(first, rest);
  }

  Role role() {
    return role;
  }

  boolean allowedFrom(VersionStatus status) {
    return from.contains(status);
  }
}
