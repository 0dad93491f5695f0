package org.pluginreview.notify;

import java.util.Map;
import java.util.Optional;
import org.pluginreview.lifecycle.VersionEvent.Type;

/** The mails a submitter gets, each of which they may turn off. */
enum MailKind {
  REJECTED("Rejected (审核驳回)"),
  APPROVED("Approved (审核通过)"),
  LIVE("Live (已上线)"),
  ESCALATED("Review overdue, escalated to the review leads (审核超时，已升级)"),
  GRAYSCALE("Grayscale changed (灰度变更)");

  private static final Map<Type, MailKind> BY_EVENT = Map.of(
      Type.REJECTED, REJECTED,
      Type.APPEAL_DENIED, REJECTED,
      Type.APPROVED, APPROVED,
      Type.APPEAL_UPHELD, APPROVED,
      Type.RELEASED, LIVE,
      Type.ROLLED_BACK, LIVE,
      Type.REVIEW_ESCALATED, ESCALATED,
      Type.GRAY_STARTED, GRAYSCALE,
      Type.GRAY_RAISED, GRAYSCALE,
      Type.GRAY_CANCELLED, GRAYSCALE);

  private final String label;

  MailKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static Optional<MailKind> of(Type event) {
    return Optional.ofNullable(BY_EVENT.get(event));
  }
}
