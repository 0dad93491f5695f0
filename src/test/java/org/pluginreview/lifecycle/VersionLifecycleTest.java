package org.pluginreview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pluginreview.support.Users.DEV1;
import static org.pluginreview.support.Users.DEV2;
import static org.pluginreview.support.Users.DUAL;
import static org.pluginreview.support.Users.LEAD1;
import static org.pluginreview.support.Users.REVIEWER1;
import static org.pluginreview.support.Users.REVIEWER2;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;

/**
 * Every transition of a version, with no Spring, database or engine: each checks its own precondition
 * from the records (the status it leaves, who acts, the decision of its own review) and nothing else.
 */
class VersionLifecycleTest {

  private static final Set<SelfCheckItem> ALL_ITEMS = EnumSet.allOf(SelfCheckItem.class);
  private static final BasicInfo INFO = new BasicInfo("Weather", "Forecasts", "Seven-day forecasts", "tools",
      "a@b.example", false, null);

  private final InMemoryVersions store = new InMemoryVersions();
  /** A clock that moves a second each time it is read, so that "most recently live" has an order. */
  private final Clock clock = new Clock() {
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Override
    public Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };
  private static final Actor LEAD2 = new Actor("lead2", Set.of(Actor.REVIEWERS, Actor.REVIEW_LEADS));

  private final VersionLifecycle lifecycle = new VersionLifecycle(store, LifecycleCounters.NONE, clock, new Quotas(2, 2));

  // ------------------------------------------------------------------ submit and self-check

  @Test
  void onlyTheOwnerSubmitsAndTheVersionWaitsForTheSelfCheckOfThatReview() {
    plugin("wx", DEV1);
    upload(DEV1, "wx", "1.0.0");
    refused(ErrorCode.NOT_FOUND, () -> lifecycle.submit(DEV2, review("wx", "1.0.0", "r1"), null));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.submit(REVIEWER1, review("wx", "1.0.0", "r1"), null));

    lifecycle.submit(DEV1, review("wx", "1.0.0", "r1"), null);

    PluginVersion v = version("wx", "1.0.0");
    assertThat(v.getStatus()).isEqualTo(VersionStatus.SELF_CHECK);
    assertThat(v.getSubmitter()).isEqualTo("dev1");
    assertThat(v.getProcessInstanceId()).isEqualTo("r1");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.SUBMITTED);
  }

  @Test
  void submitKeepsOneVersionInFlightAndNeedsFeaturePackages() {
    plugin("wx", DEV1);
    upload(DEV1, "wx", "1.0.0");
    lifecycle.upload(DEV1, "wx", "1.1.0", null, List.of(), INFO);
    upload(DEV1, "wx", "1.2.0");
    lifecycle.submit(DEV1, review("wx", "1.0.0", "r1"), null);

    refused(ErrorCode.VERSION_IN_FLIGHT, () -> lifecycle.submit(DEV1, review("wx", "1.2.0", "r2"), null));
    lifecycle.withdraw(DEV1, review("wx", "1.0.0", "r1"), null);
    refused(ErrorCode.FEATURE_PACKAGES_REQUIRED, () -> lifecycle.submit(DEV1, review("wx", "1.1.0", "r3"), null));
  }

  @Test
  void theSelfCheckNeedsEveryItemFromTheSubmitterInItsOwnReview() {
    plugin("wx", DEV1);
    upload(DEV1, "wx", "1.0.0");
    Review r1 = review("wx", "1.0.0", "r1");
    lifecycle.submit(DEV1, r1, null);

    ApiException missing = refused(ErrorCode.SELF_CHECK_INCOMPLETE,
        () -> lifecycle.confirmSelfCheck(DEV1, r1, EnumSet.of(SelfCheckItem.TESTED), null));
    assertThat(missing.properties().get("missingItems").toString()).contains("FEATURE_PACKAGES");
    refused(ErrorCode.ILLEGAL_STATE,
        () -> lifecycle.confirmSelfCheck(DEV1, review("wx", "1.0.0", "other"), ALL_ITEMS, null));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.confirmSelfCheck(REVIEWER1, r1, ALL_ITEMS, null));

    lifecycle.confirmSelfCheck(DEV1, r1, ALL_ITEMS, null);
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.SELF_CHECK_CONFIRMED);
  }

  @Test
  void thePreReviewRunsOnlyAfterTheSelfCheckOfItsOwnReview() {
    plugin("wx", DEV1);
    upload(DEV1, "wx", "1.0.0");
    Review r1 = review("wx", "1.0.0", "r1");
    lifecycle.submit(DEV1, r1, null);

    refused(ErrorCode.FORBIDDEN, () -> lifecycle.preReview(r1));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.sendToReview(r1));
    lifecycle.confirmSelfCheck(DEV1, r1, ALL_ITEMS, null);
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.sendToReview(review("wx", "1.0.0", "forged")));

    assertThat(lifecycle.preReview(r1)).isTrue();
    lifecycle.sendToReview(r1);
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.AUDITING);
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.sendToReview(r1));
  }

  @Test
  void anEditDropsTheFindingsItFixedAndKeepsTheRest() {
    plugin("wx", DEV1);
    lifecycle.upload(DEV1, "wx", "1.0.0", null, List.of("core"),
        new BasicInfo(null, "Forecasts", "Seven-day forecasts", null, "a@b.example", false, null));
    Review r1 = review("wx", "1.0.0", "r1");
    lifecycle.submit(DEV1, r1, null);
    lifecycle.confirmSelfCheck(DEV1, r1, ALL_ITEMS, null);
    lifecycle.preReview(r1);
    lifecycle.returnWithFindings(r1);
    assertThat(version("wx", "1.0.0").getFindings()).extracting(Finding::code)
        .containsExactly("BASIC_INFO_NAME_MISSING", "BASIC_INFO_CATEGORY_MISSING");

    lifecycle.edit(DEV1, "wx", "1.0.0", null, null, null,
        new BasicInfo("Weather", "Forecasts", "Seven-day forecasts", null, "a@b.example", true, null));
    assertThat(version("wx", "1.0.0").getFindings()).extracting(Finding::code)
        .as("findings are the pre-review's: a new problem waits for the next one")
        .containsExactly("BASIC_INFO_CATEGORY_MISSING");

    lifecycle.edit(DEV1, "wx", "1.0.0", null, null, null, INFO);
    assertThat(version("wx", "1.0.0").getFindings()).isEmpty();
  }

  @Test
  void findingsSendTheVersionBackToDevelopmentNeverToAReviewer() {
    plugin("wx", DEV1);
    lifecycle.upload(DEV1, "wx", "1.0.0", null, List.of("core"), BasicInfo.EMPTY);
    Review r1 = review("wx", "1.0.0", "r1");
    lifecycle.submit(DEV1, r1, null);
    lifecycle.confirmSelfCheck(DEV1, r1, ALL_ITEMS, null);

    assertThat(lifecycle.preReview(r1)).isFalse();
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.sendToReview(r1));
    lifecycle.returnWithFindings(r1);

    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.DEVELOPMENT);
    assertThat(lastEvent().getComment()).contains("BASIC_INFO_NAME_MISSING");
  }

  @Test
  void onlyTheOwnerWithdrawsAndOnlyTheReviewInProgress() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.withdraw(REVIEWER1, r1, null));
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.withdraw(DEV1, review("wx", "1.0.0", "other"), null));

    lifecycle.withdraw(DEV1, r1, null);
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.DEVELOPMENT);
    assertThat(lastEvent().getActor()).isEqualTo("dev1");
  }

  // ------------------------------------------------------------------ review

  @Test
  void approvalHappensOnlyOnAReviewersDecisionInThisVeryReview() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.approve(r1));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.reject(r1));

    lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.APPROVE, null, "fine", null);
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.reject(r1));
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.approve(review("wx", "1.0.0", "forged")));
    lifecycle.approve(r1);

    PluginVersion v = version("wx", "1.0.0");
    assertThat(v.getStatus()).isEqualTo(VersionStatus.APPROVED);
    assertThat(v.getReviewer()).isEqualTo("reviewer1");
    assertThat(lastEvent().getActor()).isEqualTo("reviewer1");
    assertThat(lastEvent().getComment()).isEqualTo("fine");
    // the decision is carried out once
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.approve(r1));
  }

  @Test
  void nobodyDecidesTheirOwnSubmissionNorWithoutBeingAReviewer() {
    store.plugins.put("own", new Plugin("own", "Own", null, "dual", Instant.EPOCH));
    upload(DUAL, "own", "1.0.0");
    Review r1 = review("own", "1.0.0", "r1");
    lifecycle.submit(DUAL, r1, null);
    lifecycle.confirmSelfCheck(DUAL, r1, ALL_ITEMS, null);
    lifecycle.preReview(r1);
    lifecycle.sendToReview(r1);

    refused(ErrorCode.SELF_REVIEW_FORBIDDEN,
        () -> lifecycle.decideReview(DUAL, r1, null, ReviewDecision.APPROVE, null, null, null));
    Actor developerWhoReads = new Actor("dev3", Set.of(Actor.DEVELOPERS, Actor.ADMINS));
    refused(ErrorCode.FORBIDDEN,
        () -> lifecycle.decideReview(developerWhoReads, r1, null, ReviewDecision.APPROVE, null, null, null));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.approve(r1));
  }

  @Test
  void aRejectionNeedsAKnownReasonAndACommentAndKeepsThem() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.REJECT_REASON_REQUIRED,
        () -> lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT, "CONTENT", " ", null));
    refused(ErrorCode.VALIDATION_FAILED,
        () -> lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT, "MOOD", "no", null));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.APPROVE,
        null, "x".repeat(VersionLifecycle.MAX_COMMENT + 1), null));

    lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT, "CONTENT", "too loud", null);
    lifecycle.reject(r1);

    PluginVersion v = version("wx", "1.0.0");
    assertThat(v.getStatus()).isEqualTo(VersionStatus.AUDIT_REJECTED);
    assertThat(v.getRejectCategory()).isEqualTo("CONTENT");
    assertThat(v.getRejectComment()).isEqualTo("too loud");
  }

  @Test
  void aReviewClaimedBySomeoneElseIsTheirsToDecide() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.CONFLICT,
        () -> lifecycle.decideReview(REVIEWER2, r1, "reviewer1", ReviewDecision.APPROVE, null, null, null));
    lifecycle.decideReview(REVIEWER1, r1, "reviewer1", ReviewDecision.APPROVE, null, null, null);
  }

  @Test
  void escalationIsRecordedOnlyWhileItsReviewWaits() {
    Review r1 = inReview("wx", "1.0.0");
    lifecycle.escalate(review("wx", "1.0.0", "other"), "late");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.PRE_REVIEW_PASSED);
    lifecycle.escalate(r1, "late");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.REVIEW_ESCALATED);
    assertThat(lastEvent().getActor()).isEqualTo(Actor.SYSTEM.userId());
  }

  // ------------------------------------------------------------------ release

  @Test
  void goLiveOnlyFromAnApprovedVersionOnTheOwnersDecisionInThisReview() {
    Review r1 = approved("wx", "1.0.0");
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.release(r1));
    refused(ErrorCode.FORBIDDEN,
        () -> lifecycle.decideRelease(REVIEWER1, r1, ReleaseDecision.GO_LIVE, null, null));
    refused(ErrorCode.ILLEGAL_STATE,
        () -> lifecycle.decideRelease(DEV1, review("wx", "1.0.0", "forged"), ReleaseDecision.GO_LIVE, null, null));
    lifecycle.decideRelease(DEV1, r1, ReleaseDecision.GO_LIVE, null, null);
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.returnToDevelopment(r1));
    lifecycle.release(r1);

    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
    assertThat(store.plugins.get("wx").highestLiveVersion()).contains(VersionNumber.parse("1.0.0"));
  }

  @Test
  void aNewReleaseTakesThePreviousLiveVersionOffline() {
    Review r1 = approved("wx", "1.0.0");
    lifecycle.decideRelease(DEV1, r1, ReleaseDecision.GO_LIVE, null, null);
    lifecycle.release(r1);
    Review r2 = approved("wx", "1.1.0");
    lifecycle.decideRelease(DEV1, r2, ReleaseDecision.GO_LIVE, null, null);
    lifecycle.release(r2);

    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.OFFLINE);
    assertThat(version("wx", "1.1.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
    refused(ErrorCode.VERSION_NOT_GREATER, () -> upload(DEV1, "wx", "1.0.5"));
  }

  @Test
  void grayscaleNeedsALiveVersionAndOnlyRisesWithinOneToNinetyNine() {
    Review first = approved("wx", "1.0.0");
    refused(ErrorCode.GRAY_NEEDS_LIVE_VERSION,
        () -> lifecycle.decideRelease(DEV1, first, ReleaseDecision.START_GRAY, 10L, null));
    lifecycle.decideRelease(DEV1, first, ReleaseDecision.GO_LIVE, null, null);
    lifecycle.release(first);
    Review r2 = approved("wx", "1.1.0");

    refused(ErrorCode.GRAY_PERCENTAGE_INVALID,
        () -> lifecycle.decideRelease(DEV1, r2, ReleaseDecision.START_GRAY, 5000L, null));
    refused(ErrorCode.ILLEGAL_STATE,
        () -> lifecycle.decideRelease(DEV1, r2, ReleaseDecision.RAISE_GRAY, 20L, null));
    lifecycle.decideRelease(DEV1, r2, ReleaseDecision.START_GRAY, 10L, null);
    lifecycle.startGray(r2);
    assertThat(version("wx", "1.1.0").getGrayPercentage()).isEqualTo(10);

    refused(ErrorCode.GRAY_PERCENTAGE_INVALID,
        () -> lifecycle.decideRelease(DEV1, r2, ReleaseDecision.RAISE_GRAY, 10L, null));
    lifecycle.decideRelease(DEV1, r2, ReleaseDecision.RAISE_GRAY, 30L, null);
    lifecycle.raiseGray(r2);
    assertThat(version("wx", "1.1.0").getGrayPercentage()).isEqualTo(30);

    lifecycle.decideRelease(DEV1, r2, ReleaseDecision.CANCEL_GRAY, null, null);
    lifecycle.cancelGray(r2);
    assertThat(version("wx", "1.1.0").getStatus()).isEqualTo(VersionStatus.APPROVED);
    assertThat(version("wx", "1.1.0").getGrayPercentage()).isNull();
  }

  @Test
  void returnToDevelopmentIsTheOwnersDecision() {
    Review r1 = approved("wx", "1.0.0");
    lifecycle.decideRelease(DEV1, r1, ReleaseDecision.RETURN_TO_DEVELOPMENT, null, null);
    lifecycle.returnToDevelopment(r1);
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.DEVELOPMENT);
    assertThat(lastEvent().getActor()).isEqualTo("dev1");
  }

  // ------------------------------------------------------------------ outside a review

  @Test
  void aRevisionTheClientNeverSawIsAConflict() {
    plugin("wx", DEV1);
    upload(DEV1, "wx", "1.0.0");
    long revision = version("wx", "1.0.0").getRevision();
    refused(ErrorCode.CONFLICT, () -> lifecycle.edit(DEV1, "wx", "1.0.0", revision + 1, "x", null, null));
    refused(ErrorCode.CONFLICT, () -> lifecycle.setTrial(DEV1, "wx", "1.0.0", revision + 1));
    refused(ErrorCode.CONFLICT, () -> lifecycle.submit(DEV1, review("wx", "1.0.0", "r1"), revision + 1));
    lifecycle.edit(DEV1, "wx", "1.0.0", revision, "notes", null, null);
    assertThat(version("wx", "1.0.0").getDescription()).isEqualTo("notes");
  }

  @Test
  void editsDeletesAndTheTrialFlagFollowTheirStatuses() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.edit(DEV1, "wx", "1.0.0", null, "x", null, null));
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.delete(DEV1, "wx", "1.0.0", null));
    lifecycle.setTrial(DEV1, "wx", "1.0.0", null);
    upload(DEV1, "wx", "1.1.0");
    lifecycle.setTrial(DEV1, "wx", "1.1.0", null);
    assertThat(version("wx", "1.0.0").isTrial()).isFalse();
    lifecycle.delete(DEV1, "wx", "1.1.0", null);
    assertThat(store.exists("wx", "1.1.0")).isFalse();
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.DELETED);
    lifecycle.withdraw(DEV1, r1, null);
  }

  @Test
  void withdrawalsHaveADailyQuotaThatResetsAtMidnightUtc() {
    plugin("wx", DEV1);
    for (String v : List.of("1.0.0", "1.1.0", "1.2.0")) {
      upload(DEV1, "wx", v);
    }
    lifecycle.submit(DEV1, review("wx", "1.0.0", "r1"), null);
    lifecycle.withdraw(DEV1, review("wx", "1.0.0", "r1"), null);
    lifecycle.submit(DEV1, review("wx", "1.1.0", "r2"), null);
    lifecycle.withdraw(DEV1, review("wx", "1.1.0", "r2"), null);
    assertThat(lifecycle.quotas(DEV1)).first().satisfies(q -> {
      assertThat(q.name()).isEqualTo("withdrawals");
      assertThat(q.limit()).isEqualTo(2);
      assertThat(q.used()).isEqualTo(2);
      assertThat(q.resetsAt()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    });
    lifecycle.submit(DEV1, review("wx", "1.2.0", "r3"), null);

    ApiException exceeded = refused(ErrorCode.QUOTA_EXCEEDED, () -> lifecycle.withdraw(DEV1, review("wx", "1.2.0", "r3"), null));
    assertThat(exceeded.properties()).containsEntry("resetsAt", "2026-11-26T00:00:00Z");
    assertThat(lifecycle.quotas(DEV2).get(0).used()).as("each person's own").isZero();
  }

  // ------------------------------------------------------------------ expedite, findings, conversation, appeal

  @Test
  void theOwnerExpeditesAReviewOnceWithAReasonWithinAMonthlyQuota() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.expedite(REVIEWER1, r1, "please"));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.expedite(DEV1, r1, " "));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.expedite(DEV1, r1, "x".repeat(501)));
    lifecycle.expedite(DEV1, r1, "Launch on Friday");
    assertThat(version("wx", "1.0.0").getExpeditedAt()).isNotNull();
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.EXPEDITED);
    assertThat(lastEvent().getComment()).isEqualTo("Launch on Friday");
    assertThat(lastEvent().getToStatus()).isEqualTo(VersionStatus.AUDITING);
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.expedite(DEV1, r1, "again"));

    lifecycle.expedite(DEV1, inReview("wy", "1.0.0"), "second");
    Review third = inReview("wz", "1.0.0");
    ApiException exceeded = refused(ErrorCode.QUOTA_EXCEEDED, () -> lifecycle.expedite(DEV1, third, "third"));
    assertThat(exceeded.properties()).containsEntry("quota", "expedites")
        .containsEntry("resetsAt", "2026-12-01T00:00:00Z");
    assertThat(lifecycle.quotas(DEV1)).filteredOn(q -> q.name().equals("expedites")).singleElement()
        .satisfies(q -> assertThat(q.used()).isEqualTo(2));
    // a new review of the same version may be expedited again
    lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT, "CONTENT", "too loud", null);
    lifecycle.reject(r1);
    assertThat(version("wx", "1.0.0").getExpeditedAt()).as("kept for the record of that review").isNotNull();
    Review again = review("wx", "1.0.0", "again");
    lifecycle.submit(DEV1, again, null);
    lifecycle.confirmSelfCheck(DEV1, again, ALL_ITEMS, null);
    lifecycle.preReview(again);
    lifecycle.sendToReview(again);
    assertThat(version("wx", "1.0.0").getExpeditedAt()).isNull();
  }

  @Test
  void aRejectionCitesItemsOfTheReviewStandardAndAnApprovalCitesNone() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT,
        "PRIVACY_SECURITY", "no policy", List.of("9.9"), null));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT,
        "PRIVACY_SECURITY", "no policy", List.of("2.1", "2.1"), null));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.APPROVE,
        null, null, List.of("2.1"), null));
    lifecycle.decideReview(REVIEWER1, r1, null, ReviewDecision.REJECT, "PRIVACY_SECURITY", "no policy",
        List.of("2.1", "4.2"), null);
    lifecycle.reject(r1);
    assertThat(version("wx", "1.0.0").getRejectFindings()).containsExactly("2.1", "4.2");
    assertThat(lastEvent().findings()).containsExactly("2.1", "4.2");
    assertThat(lastEvent().reason()).hasValue(new VersionEvent.Reason("PRIVACY_SECURITY", "no policy"));
    assertThat(ReviewStandard.get().cited(lastEvent().findings())).extracting(ReviewStandard.Item::title)
        .containsExactly("Privacy policy required", "A contact e-mail that answers");
  }

  @Test
  void aRejectionOpensAConversationBetweenTheDeveloperAndReviewers() {
    Review r1 = inReview("wx", "1.0.0");
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.postMessage(DEV1, "wx", "1.0.0", "Any news?"));
    rejected(r1);
    long revision = version("wx", "1.0.0").getRevision();
    lifecycle.postMessage(DEV1, "wx", "1.0.0", "The policy is at /privacy");
    lifecycle.postMessage(REVIEWER2, "wx", "1.0.0", "Link it from the basic info");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.MESSAGE_POSTED);
    assertThat(lastEvent().getActor()).isEqualTo("reviewer2");
    assertThat(version("wx", "1.0.0").getRevision()).as("a message changes nothing of the version").isEqualTo(revision);
    refusedPlugin(ErrorCode.NOT_FOUND, () -> lifecycle.postMessage(DEV2, "wx", "1.0.0", "hi"));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.postMessage(DEV1, "wx", "1.0.0", ""));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.postMessage(DEV1, "wx", "1.0.0", "x".repeat(2001)));
  }

  @Test
  void anAppealIsFiledOnceAndALeadOtherThanTheRejectingReviewerReversesIt() {
    Review r1 = inReview("wx", "1.0.0");
    lifecycle.decideReview(LEAD1, r1, null, ReviewDecision.REJECT, "CONTENT", "too loud", null);
    lifecycle.reject(r1);
    Review appeal = review("wx", "1.0.0", "appeal-1");
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.appeal(REVIEWER1, appeal, "why"));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.appeal(DEV1, appeal, ""));
    lifecycle.appeal(DEV1, appeal, "The sound is off by default");
    assertThat(version("wx", "1.0.0").getAppealState()).isEqualTo(AppealState.PENDING);
    assertThat(version("wx", "1.0.0").isInFlight()).as("no other version may be submitted meanwhile").isTrue();
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.APPEALED);
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.edit(DEV1, "wx", "1.0.0", null, "changed", null, null));
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.submit(DEV1, review("wx", "1.0.0", "r2"), null));
    upload(DEV1, "wx", "1.1.0");
    refused(ErrorCode.VERSION_IN_FLIGHT, () -> lifecycle.submit(DEV1, review("wx", "1.1.0", "r3"), null));

    refused(ErrorCode.SELF_REVIEW_FORBIDDEN, () -> lifecycle.decideAppeal(LEAD1, appeal, null, AppealDecision.UPHOLD, "ok"));
    refused(ErrorCode.SELF_REVIEW_FORBIDDEN, () -> lifecycle.decideAppeal(DEV1, appeal, null, AppealDecision.UPHOLD, "ok"));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.decideAppeal(REVIEWER2, appeal, null, AppealDecision.UPHOLD, "ok"));
    refused(ErrorCode.VALIDATION_FAILED, () -> lifecycle.decideAppeal(LEAD2, appeal, null, AppealDecision.UPHOLD, " "));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.upholdAppeal(appeal)); // nobody decided yet
    lifecycle.decideAppeal(LEAD2, appeal, null, AppealDecision.UPHOLD, "Agreed, it is muted");
    lifecycle.upholdAppeal(appeal);
    PluginVersion v = version("wx", "1.0.0");
    assertThat(v.getStatus()).isEqualTo(VersionStatus.APPROVED);
    assertThat(v.getAppealState()).isEqualTo(AppealState.UPHELD);
    assertThat(v.getReviewer()).isEqualTo("lead2");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.APPEAL_UPHELD);
    lifecycle.decideRelease(DEV1, appeal, ReleaseDecision.GO_LIVE, null, null);
    lifecycle.release(appeal);
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
  }

  @Test
  void aDeniedAppealKeepsTheRejectionAndCannotBeFiledAgain() {
    Review r1 = inReview("wx", "1.0.0");
    rejected(r1);
    Review appeal = review("wx", "1.0.0", "appeal-1");
    lifecycle.appeal(DEV1, appeal, "Please look again");
    lifecycle.decideAppeal(LEAD2, appeal, null, AppealDecision.DENY, "The rejection stands");
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.upholdAppeal(appeal));
    lifecycle.denyAppeal(appeal);
    PluginVersion v = version("wx", "1.0.0");
    assertThat(v.getStatus()).isEqualTo(VersionStatus.AUDIT_REJECTED);
    assertThat(v.getAppealState()).isEqualTo(AppealState.DENIED);
    assertThat(v.getReviewer()).isEqualTo("reviewer1");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.APPEAL_DENIED);
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.appeal(DEV1, review("wx", "1.0.0", "appeal-2"), "again"));
    lifecycle.edit(DEV1, "wx", "1.0.0", null, "fixed", null, null); // back to work on it
  }

  private void rejected(Review review) {
    lifecycle.decideReview(REVIEWER1, review, null, ReviewDecision.REJECT, "CONTENT", "too loud", null);
    lifecycle.reject(review);
  }

  // ------------------------------------------------------------------ after go-live

  @Test
  void aRollbackMakesAnEarlierLiveVersionLiveAgainWithoutAReview() {
    for (String v : List.of("1.0.0", "1.1.0", "1.2.0")) {
      live("wx", v);
    }
    refused(ErrorCode.NOT_FOUND, () -> lifecycle.rollback(DEV2, "wx", "1.0.0", null));
    refused(ErrorCode.FORBIDDEN, () -> lifecycle.rollback(REVIEWER1, "wx", "1.0.0", null));
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.rollback(DEV1, "wx", "1.2.0", null)); // live already

    lifecycle.rollback(DEV1, "wx", "1.0.0", null);

    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
    assertThat(version("wx", "1.2.0").getStatus()).isEqualTo(VersionStatus.OFFLINE);
    assertThat(store.events).filteredOn(e -> e.getVersion().equals("1.2.0")).last()
        .extracting(VersionEvent::getAction, VersionEvent::getComment)
        .containsExactly(VersionEvent.Type.TAKEN_OFFLINE, "rolled back to 1.0.0");
    assertThat(lastEvent()).extracting(VersionEvent::getAction, VersionEvent::getComment)
        .containsExactly(VersionEvent.Type.ROLLED_BACK, "rolled back from 1.2.0");
    // new versions must still be greater than any ever live
    refused(ErrorCode.VERSION_NOT_GREATER, () -> upload(DEV1, "wx", "1.1.5"));
  }

  @Test
  void aRollbackReachesTheLastFiveLiveVersionsAndWaitsForAGrayscaleTest() {
    for (int minor = 0; minor <= 6; minor++) {
      live("wx", "1." + minor + ".0");
    }
    // 1.6.0 is live; 1.5.0 to 1.1.0 are the last five before it
    refused(ErrorCode.ILLEGAL_STATE, () -> lifecycle.rollback(DEV1, "wx", "1.0.0", null));
    Review gray = approved("wx", "2.0.0");
    lifecycle.decideRelease(DEV1, gray, ReleaseDecision.START_GRAY, 10L, null);
    lifecycle.startGray(gray);
    ApiException duringGray = refused(ErrorCode.ROLLBACK_DURING_GRAY, () -> lifecycle.rollback(DEV1, "wx", "1.1.0", null));
    assertThat(duringGray.properties()).containsEntry("grayVersion", "2.0.0");
    lifecycle.decideRelease(DEV1, gray, ReleaseDecision.CANCEL_GRAY, null, null);
    lifecycle.cancelGray(gray);

    lifecycle.rollback(DEV1, "wx", "1.1.0", null);
    assertThat(version("wx", "1.1.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
  }

  @Test
  void theOwnerOrAnAdminTakesTheLiveVersionOfflineAndBringsItBack() {
    Actor admin = new Actor("demo", Set.of(Actor.ADMINS));
    refusedPlugin(ErrorCode.NOT_FOUND, () -> lifecycle.takeOffline(DEV1, "wx"));
    live("wx", "1.0.0");
    refusedPlugin(ErrorCode.ILLEGAL_STATE, () -> lifecycle.bringOnline(DEV1, "wx"));
    refusedPlugin(ErrorCode.FORBIDDEN, () -> lifecycle.takeOffline(REVIEWER1, "wx"));

    lifecycle.takeOffline(DEV1, "wx");
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.OFFLINE);
    assertThat(store.plugins.get("wx").offlineVersion()).contains("1.0.0");
    assertThat(lastEvent().getAction()).isEqualTo(VersionEvent.Type.TAKEN_OFFLINE);
    refusedPlugin(ErrorCode.ILLEGAL_STATE, () -> lifecycle.takeOffline(DEV1, "wx"));

    lifecycle.bringOnline(admin, "wx");
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
    assertThat(store.plugins.get("wx").offlineVersion()).isEmpty();
    assertThat(lastEvent()).extracting(VersionEvent::getAction, VersionEvent::getActor)
        .containsExactly(VersionEvent.Type.BROUGHT_ONLINE, "demo");
  }

  @Test
  void aReleaseOrRollbackWhileOfflineBringsThePluginBackWithThatVersion() {
    live("wx", "1.0.0");
    lifecycle.takeOffline(DEV1, "wx");
    live("wx", "1.1.0");
    assertThat(store.plugins.get("wx").offlineVersion()).isEmpty();
    lifecycle.takeOffline(DEV1, "wx");
    lifecycle.rollback(DEV1, "wx", "1.0.0", null);
    assertThat(store.plugins.get("wx").offlineVersion()).isEmpty();
    assertThat(version("wx", "1.0.0").getStatus()).isEqualTo(VersionStatus.RELEASED);
    assertThat(version("wx", "1.1.0").getStatus()).isEqualTo(VersionStatus.OFFLINE);
  }

  private void live(String pluginId, String version) {
    Review review = approved(pluginId, version);
    lifecycle.decideRelease(DEV1, review, ReleaseDecision.GO_LIVE, null, null);
    lifecycle.release(review);
  }

  /** Refused, and neither the versions nor the plugin's offline mark changed. */
  private void refusedPlugin(ErrorCode code, Executable call) {
    java.util.Optional<String> before = java.util.Optional.ofNullable(store.plugins.get("wx")).flatMap(Plugin::offlineVersion);
    refused(code, call);
    assertThat(java.util.Optional.ofNullable(store.plugins.get("wx")).flatMap(Plugin::offlineVersion)).isEqualTo(before);
  }

  // ------------------------------------------------------------------ helpers

  private void plugin(String pluginId, Actor owner) {
    store.plugins.put(pluginId, new Plugin(pluginId, pluginId, null, owner.userId(), Instant.EPOCH));
  }

  private void upload(Actor owner, String pluginId, String version) {
    lifecycle.upload(owner, pluginId, version, "notes", List.of("core"), INFO);
  }

  private static Review review(String pluginId, String version, String id) {
    return new Review(pluginId, version, id);
  }

  private Review inReview(String pluginId, String version) {
    if (!store.plugins.containsKey(pluginId)) {
      plugin(pluginId, DEV1);
    }
    upload(DEV1, pluginId, version);
    Review review = review(pluginId, version, "review-of-" + version);
    lifecycle.submit(DEV1, review, null);
    lifecycle.confirmSelfCheck(DEV1, review, ALL_ITEMS, null);
    lifecycle.preReview(review);
    lifecycle.sendToReview(review);
    return review;
  }

  private Review approved(String pluginId, String version) {
    Review review = inReview(pluginId, version);
    lifecycle.decideReview(REVIEWER1, review, null, ReviewDecision.APPROVE, null, null, null);
    lifecycle.approve(review);
    return review;
  }

  private PluginVersion version(String pluginId, String version) {
    return store.versions.stream().filter(v -> v.getPluginId().equals(pluginId) && v.getVersion().equals(version))
        .findFirst().orElseThrow();
  }

  private VersionEvent lastEvent() {
    return store.events.get(store.events.size() - 1);
  }

  /** The call is refused with this code and leaves the version records as they were. */
  private ApiException refused(ErrorCode code, Executable call) {
    List<String> before = snapshot();
    ApiException e = (ApiException) org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, call);
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(snapshot()).isEqualTo(before);
    return e;
  }

  private List<String> snapshot() {
    return store.versions.stream().map(v -> v.getVersion() + " " + v.getStatus() + " " + v.getReviewer() + " "
        + v.getGrayPercentage() + " " + v.isTrial() + " " + v.getProcessInstanceId()).toList();
  }
}
