package org.pluginreview.lifecycle;

import static org.pluginreview.lifecycle.VersionEvent.Type;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pluginreview.lifecycle.VersionRules.Situation;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every change to a version record and its history event. Each change locks the plugin first and
 * checks its own precondition from the records it then reads: the status it leaves, who acts, and the
 * facts it needs. The transitions of a review (submit to go-live) are called by the review process
 * alone; a step that carries out a person's decision acts only on the decision recorded by the
 * completion of a task of that very process, never on what a process variable says.
 */
@Component
public class VersionLifecycle {

  public static final Set<String> REJECT_CATEGORIES =
      Set.of("FUNCTIONALITY", "CONTENT", "PRIVACY_SECURITY", "INFORMATION", "OTHER");
  /** Review comments can come from Tasklist's form too, which has no length limit of its own. */
  static final int MAX_COMMENT = 2000;
  static final int MAX_REASON = 500;
  static final int MAX_FINDINGS = 10;

  private final VersionStore store;
  private final LifecycleCounters counters;
  private final Clock clock;
  private final Quotas quotas;

  public VersionLifecycle(VersionStore store, LifecycleCounters counters, Clock clock) {
    this(store, counters, clock, Quotas.DEFAULT);
  }

  @Autowired
  public VersionLifecycle(VersionStore store, LifecycleCounters counters, Clock clock, Quotas quotas) {
    this.store = store;
    this.counters = counters;
    this.clock = clock;
    this.quotas = quotas;
  }

  /** What the person has used of each quota, and when each resets. */
  public List<Quotas.Usage> quotas(Actor actor) {
    Instant now = clock.instant();
    return List.of(new Quotas.Usage("withdrawals", quotas.withdrawalsPerDay(),
            store.countActions(actor.userId(), Type.WITHDRAWN, Quotas.startOfDay(now)), Quotas.nextDay(now)),
        new Quotas.Usage("expedites", quotas.expeditesPerMonth(),
            store.countActions(actor.userId(), Type.EXPEDITED, Quotas.startOfMonth(now)), Quotas.nextMonth(now)));
  }

  /** One review of one version: the process that runs it has this id. */
  public record Review(String pluginId, String version, String id) {}

  // ---------------------------------------------------------------- changes outside a review

  public Situation upload(Actor actor, String pluginId, String version, String description, List<String> packages,
                          BasicInfo info) {
    Plugin plugin = visible(actor, store.lockPlugin(pluginId), pluginId);
    if (!actor.userId().equals(plugin.getOwner())) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner may upload versions.");
    }
    VersionNumber number = VersionNumber.parse(version);
    if (store.exists(pluginId, number.toString())) {
      throw ErrorCode.VERSION_EXISTS.exception("Version " + number + " of " + pluginId + " already exists.");
    }
    Optional<VersionNumber> live = plugin.highestLiveVersion();
    if (live.isPresent() && number.compareTo(live.get()) <= 0) {
      throw VersionRules.versionNotGreater(number.toString(), live.get()).exception();
    }
    PluginVersion v = new PluginVersion(pluginId, number, clock.instant());
    v.setDescription(description);
    v.setFeaturePackages(packages == null ? List.of() : packages);
    v.setBasicInfo(info == null ? BasicInfo.EMPTY : info);
    store.add(v);
    record(v, Type.UPLOADED, null, actor.userId(), null);
    List<PluginVersion> all = store.relevant(pluginId, null);
    all.add(0, v);
    return new Situation(plugin, v, all, actor, null);
  }

  /** Fields left null stay as they are. */
  public Situation edit(Actor actor, String pluginId, String version, Long expectedRevision, String description,
                        List<String> packages, BasicInfo info) {
    Situation s = locked(actor, pluginId, version, expectedRevision, null);
    VersionRules.require(Action.EDIT, s);
    PluginVersion v = s.version();
    List<String> changed = new ArrayList<>();
    if (description != null) {
      v.setDescription(description);
      changed.add("description");
    }
    if (packages != null) {
      v.setFeaturePackages(packages);
      changed.add("featurePackages");
    }
    if (info != null) {
      v.setBasicInfo(info);
      changed.add("basicInfo");
    }
    if (!v.getFindings().isEmpty()) { // a finding the edit fixed is no longer shown; the others stay
      Set<String> stillTrue = PreReview.findings(v).stream().map(Finding::code).collect(Collectors.toSet());
      v.setFindings(v.getFindings().stream().filter(f -> stillTrue.contains(f.code())).toList());
    }
    record(v, Type.EDITED, v.getStatus(), actor.userId(), changed.isEmpty() ? null : String.join(", ", changed));
    return s;
  }

  /** The history stays. */
  public void delete(Actor actor, String pluginId, String version, Long expectedRevision) {
    Situation s = locked(actor, pluginId, version, expectedRevision, null);
    VersionRules.require(Action.DELETE, s);
    PluginVersion v = s.version();
    store.append(new VersionEvent(v, Type.DELETED, v.getStatus(), actor.userId(), clock.instant(), null));
    store.remove(v);
  }

  /** At most one trial version per plugin: setting one moves the flag. */
  public Situation setTrial(Actor actor, String pluginId, String version, Long expectedRevision) {
    Situation s = locked(actor, pluginId, version, expectedRevision, null, true);
    if (s.version().isTrial() && actor.userId().equals(s.plugin().getOwner())) {
      return s;
    }
    VersionRules.require(Action.SET_TRIAL, s);
    for (PluginVersion other : s.siblings()) {
      if (other.isTrial()) {
        other.setTrial(false);
        record(other, Type.TRIAL_CANCELLED, other.getStatus(), actor.userId(), "replaced by " + version);
      }
    }
    s.version().setTrial(true);
    record(s.version(), Type.TRIAL_SET, s.version().getStatus(), actor.userId(), null);
    return s;
  }

  /** {@code expectedRevision} is that of the trial version, when the caller names one. */
  public void cancelTrial(Actor actor, String pluginId, Long expectedRevision) {
    Plugin plugin = visible(actor, store.lockPlugin(pluginId), pluginId);
    List<PluginVersion> all = store.relevant(pluginId, null);
    Optional<PluginVersion> trial = all.stream().filter(PluginVersion::isTrial).findFirst();
    if (trial.isEmpty()) {
      if (!actor.userId().equals(plugin.getOwner())) {
        throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner may do this.");
      }
      if (expectedRevision != null) {
        throw ErrorCode.CONFLICT.exception("The plugin has no trial version any more; reload and try again.");
      }
      return;
    }
    checkRevision(trial.get(), expectedRevision);
    VersionRules.require(Action.CANCEL_TRIAL, new Situation(plugin, trial.get(), all, actor, null));
    trial.get().setTrial(false);
    record(trial.get(), Type.TRIAL_CANCELLED, trial.get().getStatus(), actor.userId(), null);
  }

  // ---------------------------------------------------------------- the review: called by its process only

  /** The first step of every review, whoever started it: the submit rules, for the person who started it. */
  public void submit(Actor actor, Review review, Long expectedRevision) {
    Situation s = locked(actor, review.pluginId(), review.version(), expectedRevision, null, true);
    PluginVersion v = s.version();
    if (v.getStatus() == VersionStatus.SELF_CHECK && review.id().equals(v.getProcessInstanceId())) {
      return;
    }
    VersionRules.require(Action.SUBMIT, s);
    VersionStatus from = v.getStatus();
    v.setStatus(VersionStatus.SELF_CHECK);
    v.setSubmitter(actor.userId());
    v.setSubmittedAt(clock.instant());
    v.setReviewer(null);
    v.setReviewedAt(null);
    v.setFindings(List.of());
    v.setProcessInstanceId(review.id());
    v.decide(null);
    record(v, Type.SUBMITTED, from, actor.userId(), null);
    counters.submitted();
  }

  /** The submitter completes the self-check task: every checklist item must be ticked. */
  public void confirmSelfCheck(Actor actor, Review review, Set<SelfCheckItem> ticked, Long expectedRevision) {
    Situation s = locked(actor, review.pluginId(), review.version(), expectedRevision, null);
    requireUnder(review, s.version());
    VersionRules.require(Action.SELF_CHECK, s);
    Set<SelfCheckItem> missing = EnumSet.allOf(SelfCheckItem.class);
    missing.removeAll(ticked);
    if (!missing.isEmpty()) {
      throw ErrorCode.SELF_CHECK_INCOMPLETE.exception("Tick every self-check item; missing: " + missing + ".")
          .with("missingItems", missing);
    }
    s.version().decide(Decision.of(Action.SELF_CHECK, actor.userId(), review.id()));
    record(s.version(), Type.SELF_CHECK_CONFIRMED, s.version().getStatus(), actor.userId(), null);
  }

  /** The automatic pre-review of a confirmed self-check: records its findings; true if a human should see it. */
  public boolean preReview(Review review) {
    PluginVersion v = decided(review, Action.SELF_CHECK).version();
    List<Finding> findings = PreReview.findings(v);
    v.setFindings(findings);
    return findings.isEmpty();
  }

  public void sendToReview(Review review) {
    PluginVersion v = decided(review, Action.SELF_CHECK).version();
    if (!v.getFindings().isEmpty()) {
      throw ErrorCode.ILLEGAL_STATE.exception("Version " + v.getVersion() + " has pre-review findings.");
    }
    v.decide(null);
    v.setExpeditedAt(null); // a new review: expediting is asked of each review anew
    move(v, VersionStatus.AUDITING, Type.PRE_REVIEW_PASSED, Actor.SYSTEM.userId(), null);
  }

  // ---------------------------------------------------------------- expedite, messages, appeal

  /** The owner asks for a faster review, with a reason: once a review, within the monthly quota. */
  public void expedite(Actor actor, Review review, String reason) {
    Situation s = locked(actor, review.pluginId(), review.version(), null, null);
    requireUnder(review, s.version());
    VersionRules.require(Action.EXPEDITE, s);
    String text = requiredText(reason, "reason", MAX_REASON, "Say why this review should go faster.");
    Instant now = clock.instant();
    if (store.countActions(actor.userId(), Type.EXPEDITED, Quotas.startOfMonth(now)) >= quotas.expeditesPerMonth()) {
      throw ErrorCode.QUOTA_EXCEEDED.exception("You have expedited " + quotas.expeditesPerMonth()
          + " reviews this month, the most a month allows; try again after " + Quotas.nextMonth(now) + ".")
          .with("quota", "expedites").with("resetsAt", Quotas.nextMonth(now).toString());
    }
    s.version().setExpeditedAt(now);
    record(s.version(), Type.EXPEDITED, VersionStatus.AUDITING, actor.userId(), text);
  }

  /**
   * A message in the version's conversation, which its first rejection opens: from the owner or submitter,
   * or from a reviewer. It joins the history, but changes nothing of the version, not even its revision.
   *
   * @return the reviewer who rejected it, when the developer wrote (someone to answer); otherwise null
   */
  public String postMessage(Actor actor, String pluginId, String version, String text) {
    Plugin plugin = visible(actor, store.lockPlugin(pluginId), pluginId);
    PluginVersion v = store.version(pluginId, version).orElseThrow(() -> notFound(pluginId, version));
    boolean developer = actor.userId().equals(plugin.getOwner()) || actor.userId().equals(v.getSubmitter());
    if (!developer && !actor.isReviewer()) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's developer and reviewers talk about its review.");
    }
    if (v.getRejectCategory() == null) {
      throw ErrorCode.ILLEGAL_STATE.exception("Version " + version + " was never rejected; a rejection opens the "
          + "conversation.").with("versionStatus", v.getStatus());
    }
    String message = requiredText(text, "text", MAX_COMMENT, "A message needs text.");
    store.append(new VersionEvent(v, Type.MESSAGE_POSTED, v.getStatus(), actor.userId(), clock.instant(), message));
    return developer ? v.getReviewer() : null;
  }

  /** The owner asks a review lead to reverse the rejection: once a version, with a reason. */
  public void appeal(Actor actor, Review appeal, String reason) {
    Situation s = locked(actor, appeal.pluginId(), appeal.version(), null, null);
    VersionRules.require(Action.APPEAL, s);
    String text = requiredText(reason, "reason", MAX_COMMENT, "Say why the rejection should be reversed.");
    PluginVersion v = s.version();
    v.setAppealState(AppealState.PENDING);
    v.setProcessInstanceId(appeal.id()); // the appeal's process decides what happens to the version now
    v.decide(null);
    record(v, Type.APPEALED, VersionStatus.AUDIT_REJECTED, actor.userId(), text);
  }

  /** A review lead completes the appeal task: never the submitter, the owner or the reviewer who rejected. */
  public void decideAppeal(Actor actor, Review appeal, String claimedBy, AppealDecision decision, String comment) {
    Situation s = locked(actor, appeal.pluginId(), appeal.version(), null, claimedBy);
    requireUnder(appeal, s.version());
    Action action = decision == AppealDecision.UPHOLD ? Action.UPHOLD_APPEAL : Action.DENY_APPEAL;
    VersionRules.require(action, s);
    String text = requiredText(comment, "comment", MAX_COMMENT, "An appeal decision needs a comment for the developer.");
    s.version().decide(new Decision(action, actor.userId(), appeal.id(), null, null, text));
  }

  /** The lead reversed the rejection: the version is approved, by the lead, and goes on to release. */
  public void upholdAppeal(Review appeal) {
    Decided d = decided(appeal, Action.UPHOLD_APPEAL);
    PluginVersion v = d.version();
    requireFourEyesOnAppeal(d);
    v.setAppealState(AppealState.UPHELD);
    v.setReviewer(d.decision().by());
    v.setReviewedAt(clock.instant());
    move(v, VersionStatus.APPROVED, Type.APPEAL_UPHELD, d.decision().by(), d.decision().comment());
  }

  /** The lead kept the rejection: the version stays rejected, to be fixed and submitted again. */
  public void denyAppeal(Review appeal) {
    Decided d = decided(appeal, Action.DENY_APPEAL);
    requireFourEyesOnAppeal(d);
    d.version().setAppealState(AppealState.DENIED);
    record(d.version(), Type.APPEAL_DENIED, VersionStatus.AUDIT_REJECTED, d.decision().by(), d.decision().comment());
  }

  private static void requireFourEyesOnAppeal(Decided d) {
    String by = d.decision().by();
    PluginVersion v = d.version();
    if (by.equals(v.getSubmitter()) || by.equals(d.plugin().getOwner()) || by.equals(v.getReviewer())) {
      throw ErrorCode.SELF_REVIEW_FORBIDDEN.exception(
          "An appeal is decided by a review lead other than the submitter and the reviewer who rejected.");
    }
  }

  private static String requiredText(String text, String field, int max, String missing) {
    if (text == null || text.isBlank()) {
      throw ErrorCode.VALIDATION_FAILED.exception(missing).with("fields", Map.of(field, "required"));
    }
    if (text.length() > max) {
      throw ErrorCode.VALIDATION_FAILED.exception("The " + field + " is longer than " + max + " characters.")
          .with("fields", Map.of(field, "at most " + max + " characters"));
    }
    return text.strip();
  }

  public void returnWithFindings(Review review) {
    PluginVersion v = decided(review, Action.SELF_CHECK).version();
    if (v.getFindings().isEmpty()) {
      throw ErrorCode.ILLEGAL_STATE.exception("Version " + v.getVersion() + " has no pre-review findings.");
    }
    v.decide(null);
    String summary = v.getFindings().stream().map(Finding::code).collect(Collectors.joining(", "));
    move(v, VersionStatus.DEVELOPMENT, Type.PRE_REVIEW_FAILED, Actor.SYSTEM.userId(), summary);
  }

  /** The owner withdraws the review while it waits for the self-check or the reviewer. */
  public void withdraw(Actor actor, Review review, Long expectedRevision) {
    Situation s = locked(actor, review.pluginId(), review.version(), expectedRevision, null);
    requireUnder(review, s.version());
    VersionRules.require(Action.WITHDRAW, s);
    Instant now = clock.instant();
    if (store.countActions(actor.userId(), Type.WITHDRAWN, Quotas.startOfDay(now)) >= quotas.withdrawalsPerDay()) {
      throw ErrorCode.QUOTA_EXCEEDED.exception("You have withdrawn " + quotas.withdrawalsPerDay()
          + " reviews today, the most a day allows; try again after " + Quotas.nextDay(now) + ".")
          .with("quota", "withdrawals").with("resetsAt", Quotas.nextDay(now).toString());
    }
    s.version().decide(null);
    move(s.version(), VersionStatus.DEVELOPMENT, Type.WITHDRAWN, actor.userId(), null);
  }

  /**
   * A reviewer completes the review task ({@code claimedBy} is whoever holds it): four eyes, and a reason
   * for every rejection. The approve or reject step then carries the decision out.
   */
  public void decideReview(Actor actor, Review review, String claimedBy, ReviewDecision decision,
                           String category, String comment, Long expectedRevision) {
    decideReview(actor, review, claimedBy, decision, category, comment, List.of(), expectedRevision);
  }

  /** As above, a rejection citing items of the review standard ({@code findings}, ids such as 2.1). */
  public void decideReview(Actor actor, Review review, String claimedBy, ReviewDecision decision,
                           String category, String comment, List<String> findings, Long expectedRevision) {
    Situation s = locked(actor, review.pluginId(), review.version(), expectedRevision, claimedBy);
    requireUnder(review, s.version());
    VersionRules.require(decision.action(), s);
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw ErrorCode.VALIDATION_FAILED.exception("The comment is longer than " + MAX_COMMENT + " characters.")
          .with("fields", Map.of("comment", "at most " + MAX_COMMENT + " characters"));
    }
    if (decision == ReviewDecision.REJECT) {
      if (isBlank(category) || isBlank(comment)) {
        throw ErrorCode.REJECT_REASON_REQUIRED.exception("A rejection needs a reason category and a comment.")
            .with("reasonCategories", REJECT_CATEGORIES.stream().sorted().toList());
      }
      if (!REJECT_CATEGORIES.contains(category)) {
        throw ErrorCode.VALIDATION_FAILED.exception("Unknown reason category " + category + ".")
            .with("fields", Map.of("reasonCategory", "one of " + REJECT_CATEGORIES.stream().sorted().toList()));
      }
    }
    List<String> cited = findings == null ? List.of() : findings;
    checkFindings(cited, decision == ReviewDecision.REJECT);
    s.version().decide(new Decision(decision.action(), actor.userId(), review.id(), null,
        decision == ReviewDecision.REJECT ? category : null, blankToNull(comment), cited));
  }

  /** At most 10 distinct items of the review standard, and only with a rejection. */
  private static void checkFindings(List<String> findings, boolean rejecting) {
    if (findings.isEmpty()) {
      return;
    }
    ReviewStandard standard = ReviewStandard.get();
    if (!rejecting || findings.size() > MAX_FINDINGS || findings.stream().distinct().count() != findings.size()
        || findings.stream().anyMatch(f -> standard.item(f).isEmpty())) {
      throw ErrorCode.VALIDATION_FAILED.exception("A rejection may cite up to " + MAX_FINDINGS
          + " distinct items of the review standard, by id; an approval cites none.")
          .with("fields", Map.of("findings", "ids of " + standard.items().stream().map(ReviewStandard.Item::id).toList()));
    }
  }

  public void approve(Review review) {
    Decided d = reviewed(review, Action.APPROVE);
    PluginVersion v = d.version();
    v.setReviewer(d.decision().by());
    v.setReviewedAt(clock.instant());
    counters.decided(true, waitedForReview(v));
    move(v, VersionStatus.APPROVED, Type.APPROVED, d.decision().by(), d.decision().comment());
  }

  public void reject(Review review) {
    Decided d = reviewed(review, Action.REJECT);
    PluginVersion v = d.version();
    Decision decision = d.decision();
    v.setReviewer(decision.by());
    v.setReviewedAt(clock.instant());
    v.setRejection(decision.category(), decision.comment(), decision.findings());
    counters.decided(false, waitedForReview(v));
    move(v, VersionStatus.AUDIT_REJECTED, Type.REJECTED, decision.by(),
        decision.category() + VersionEvent.REASON_SEPARATOR + decision.comment(), decision.findings());
  }

  /** The overdue timer of this review; a review decided or withdrawn meanwhile has nothing to escalate. */
  public void escalate(Review review, String comment) {
    store.lockPlugin(review.pluginId()).orElseThrow(() -> noPlugin(review.pluginId()));
    Optional<PluginVersion> v = store.version(review.pluginId(), review.version());
    if (v.isPresent() && v.get().getStatus() == VersionStatus.AUDITING
        && review.id().equals(v.get().getProcessInstanceId())) {
      record(v.get(), Type.REVIEW_ESCALATED, VersionStatus.AUDITING, Actor.SYSTEM.userId(), comment);
    }
  }

  /** The owner completes the release task; the step for the decision then carries it out. Returns the checked percentage. */
  public Integer decideRelease(Actor actor, Review review, ReleaseDecision decision, Object percentage,
                            Long expectedRevision) {
    Situation s = locked(actor, review.pluginId(), review.version(), expectedRevision, null);
    requireUnder(review, s.version());
    VersionRules.require(decision.action(), s);
    Integer checked = null;
    if (decision.setsPercentage()) {
      Integer current = decision == ReleaseDecision.RAISE_GRAY ? s.version().getGrayPercentage() : null;
      checked = GrayPercentage.check(percentage, current);
    }
    s.version().decide(new Decision(decision.action(), actor.userId(), review.id(), checked, null, null));
    return checked;
  }

  public void startGray(Review review) {
    Decided d = decided(review, Action.START_GRAY);
    d.version().setGrayPercentage(d.decision().percentage());
    move(d.version(), VersionStatus.GRAY, Type.GRAY_STARTED, d.decision().by(), d.decision().percentage() + "%");
  }

  public void raiseGray(Review review) {
    Decided d = decided(review, Action.RAISE_GRAY);
    Integer from = d.version().getGrayPercentage();
    d.version().setGrayPercentage(d.decision().percentage());
    record(d.version(), Type.GRAY_RAISED, d.version().getStatus(), d.decision().by(),
        from + "% -> " + d.decision().percentage() + "%");
  }

  public void cancelGray(Review review) {
    Decided d = decided(review, Action.CANCEL_GRAY);
    d.version().setGrayPercentage(null);
    move(d.version(), VersionStatus.APPROVED, Type.GRAY_CANCELLED, d.decision().by(), null);
  }

  /** Go live: the previous live version goes offline in the same transaction. */
  public void release(Review review) {
    Decided d = decided(review, Action.RELEASE);
    PluginVersion v = d.version();
    String actor = d.decision().by();
    for (PluginVersion other : store.relevant(v.getPluginId(), null)) {
      if (other != v && other.getStatus() == VersionStatus.RELEASED) {
        move(other, VersionStatus.OFFLINE, Type.TAKEN_OFFLINE, actor, "superseded by " + v.getVersion());
      }
    }
    counters.released();
    d.plugin().backOnline();
    boolean wasTrial = v.isTrial();
    v.setTrial(false);
    v.setGrayPercentage(null);
    v.setReleasedAt(clock.instant());
    d.plugin().wentLive(v.number());
    move(v, VersionStatus.RELEASED, Type.RELEASED, actor, wasTrial ? "trial flag cleared" : null);
  }

  // ---------------------------------------------------------------- after go-live: the owner's immediate actions

  /** An earlier live version is live again; the current one goes offline. No review: it was reviewed before. */
  public Situation rollback(Actor actor, String pluginId, String version, Long expectedRevision) {
    Situation s = locked(actor, pluginId, version, expectedRevision, null, true);
    VersionRules.require(Action.ROLLBACK, s);
    PluginVersion target = s.version();
    String from = null;
    for (PluginVersion other : s.siblings()) {
      if (other.getStatus() == VersionStatus.RELEASED) {
        from = other.getVersion();
        move(other, VersionStatus.OFFLINE, Type.TAKEN_OFFLINE, actor.userId(), "rolled back to " + target.getVersion());
      }
    }
    s.plugin().backOnline();
    target.setReleasedAt(clock.instant());
    move(target, VersionStatus.RELEASED, Type.ROLLED_BACK, actor.userId(), from == null ? null : "rolled back from " + from);
    return s;
  }

  /** The live version goes offline; subscriptions and the listing stay, and it can be brought back. */
  public void takeOffline(Actor actor, String pluginId) {
    Plugin plugin = visible(actor, store.lockPlugin(pluginId), pluginId);
    List<PluginVersion> relevant = store.relevant(pluginId, null);
    requirePlugin(VersionRules.PluginAction.TAKE_OFFLINE, plugin, relevant, actor);
    PluginVersion live = relevant.stream().filter(v -> v.getStatus() == VersionStatus.RELEASED).findFirst().orElseThrow();
    plugin.takenOffline(live.getVersion());
    move(live, VersionStatus.OFFLINE, Type.TAKEN_OFFLINE, actor.userId(), "taken offline");
  }

  public void bringOnline(Actor actor, String pluginId) {
    Plugin plugin = visible(actor, store.lockPlugin(pluginId), pluginId);
    List<PluginVersion> relevant = store.relevant(pluginId, null);
    requirePlugin(VersionRules.PluginAction.BRING_ONLINE, plugin, relevant, actor);
    String version = plugin.offlineVersion().orElseThrow();
    PluginVersion v = store.version(pluginId, version).orElseThrow(() -> notFound(pluginId, version));
    plugin.backOnline();
    move(v, VersionStatus.RELEASED, Type.BROUGHT_ONLINE, actor.userId(), null);
  }

  private static void requirePlugin(VersionRules.PluginAction action, Plugin plugin, List<PluginVersion> relevant,
                                    Actor actor) {
    Optional<VersionRules.Refusal> refusal = VersionRules.refusal(action, plugin, relevant, actor);
    if (refusal.isPresent()) {
      throw refusal.get().exception();
    }
  }

  public void returnToDevelopment(Review review) {
    Decided d = decided(review, Action.RETURN_TO_DEVELOPMENT);
    d.version().setGrayPercentage(null);
    move(d.version(), VersionStatus.DEVELOPMENT, Type.RETURNED_TO_DEVELOPMENT, d.decision().by(), null);
  }

  // ---------------------------------------------------------------- helpers

  /** A version with the decision its step carries out, taken from the record: the step consumes it. */
  private record Decided(Plugin plugin, PluginVersion version, Decision decision) {}

  /**
   * For a step that carries out a decision: the version is under this review, in a status the action
   * leaves, and holds a decision for exactly this action made in this review.
   */
  private Decided decided(Review review, Action action) {
    Plugin plugin = store.lockPlugin(review.pluginId()).orElseThrow(() -> noPlugin(review.pluginId()));
    PluginVersion v = store.version(review.pluginId(), review.version())
        .orElseThrow(() -> notFound(review.pluginId(), review.version()));
    requireUnder(review, v);
    if (!action.allowedFrom(v.getStatus())) {
      throw ErrorCode.ILLEGAL_STATE.exception("Version " + v.getVersion() + " is " + v.getStatus() + "; "
          + VersionRules.name(action) + " is not allowed now.").with("versionStatus", v.getStatus());
    }
    Decision decision = v.decision();
    if (decision == null || decision.action() != action || !review.id().equals(decision.review())) {
      throw ErrorCode.FORBIDDEN.exception("Nobody decided to " + VersionRules.name(action) + " version "
          + v.getVersion() + " in this review; that decision comes only from completing its task.");
    }
    if (action != Action.SELF_CHECK) {
      v.decide(null);
    }
    return new Decided(plugin, v, decision);
  }

  /** As {@link #decided}, and the decision is by someone other than the submitter and the owner. */
  private Decided reviewed(Review review, Action action) {
    Decided d = decided(review, action);
    String by = d.decision().by();
    if (by.equals(d.version().getSubmitter()) || by.equals(d.plugin().getOwner())) {
      throw ErrorCode.SELF_REVIEW_FORBIDDEN.exception("Nobody may review their own submission.");
    }
    return d;
  }

  private static void requireUnder(Review review, PluginVersion v) {
    if (!review.id().equals(v.getProcessInstanceId())) {
      throw ErrorCode.ILLEGAL_STATE.exception("Version " + v.getVersion() + " is not under review in process "
          + review.id() + ".").with("versionStatus", v.getStatus());
    }
  }

  /** The siblings are read only if a rule asks for them: most transitions look at the version alone. */
  private Situation locked(Actor actor, String pluginId, String version, Long expectedRevision, String claimedBy) {
    return locked(actor, pluginId, version, expectedRevision, claimedBy, false);
  }

  /** With {@code withSiblings}, for a rule known to need them: one query brings the version along. */
  private Situation locked(Actor actor, String pluginId, String version, Long expectedRevision, String claimedBy,
                           boolean withSiblings) {
    Plugin plugin = visible(actor, store.lockPlugin(pluginId), pluginId);
    List<PluginVersion> siblings = withSiblings ? store.relevant(pluginId, version) : null;
    PluginVersion v = (siblings != null
        ? siblings.stream().filter(x -> x.getVersion().equals(version)).findFirst()
        : store.version(pluginId, version)).orElseThrow(() -> notFound(pluginId, version));
    checkRevision(v, expectedRevision);
    Supplier<List<PluginVersion>> earlierLive = once(() -> store.earlierLive(pluginId, VersionRules.ROLLBACK_DEPTH));
    return new Situation(plugin, v, siblings != null ? () -> siblings : once(() -> store.relevant(pluginId, version)),
        earlierLive, actor, claimedBy);
  }

  /** A supplier that asks its source once, when first asked. */
  public static <T> Supplier<T> once(Supplier<T> source) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }

  private static void checkRevision(PluginVersion v, Long expected) {
    if (expected != null && expected != v.getRevision()) {
      throw ErrorCode.CONFLICT.exception("Version " + v.getVersion() + " changed since you read it (revision "
          + expected + ", now " + v.getRevision() + "); reload and try again.").with("revision", v.getRevision());
    }
  }

  /** From the version's last entry into manual review until now. */
  private Duration waitedForReview(PluginVersion v) {
    return store.enteredReview(v.getPluginId(), v.getVersion())
        .map(entered -> Duration.between(entered, clock.instant())).orElse(null);
  }

  /** Moves a record and writes its history event. */
  private void move(PluginVersion v, VersionStatus to, Type type, String actor, String comment) {
    move(v, to, type, actor, comment, List.of());
  }

  private void move(PluginVersion v, VersionStatus to, Type type, String actor, String comment, List<String> findings) {
    VersionStatus from = v.getStatus();
    v.setStatus(to);
    record(v, type, from, actor, comment, findings);
  }

  private void record(PluginVersion v, Type type, VersionStatus from, String actor, String comment) {
    record(v, type, from, actor, comment, List.of());
  }

  private void record(PluginVersion v, Type type, VersionStatus from, String actor, String comment,
                      List<String> findings) {
    Instant now = clock.instant();
    v.touch(now);
    store.append(new VersionEvent(v, type, from, actor, now, comment, findings));
  }

  /** Developers see only their own plugins; to anyone else another's plugin does not exist. */
  public static Plugin visible(Actor actor, Optional<Plugin> plugin, String pluginId) {
    return plugin.filter(p -> actor.readsEverything() || p.getOwner().equals(actor.userId()))
        .orElseThrow(() -> noPlugin(pluginId));
  }

  public static ApiException noPlugin(String pluginId) {
    return ErrorCode.NOT_FOUND.exception("No plugin " + pluginId + ".");
  }

  public static ApiException notFound(String pluginId, String version) {
    return ErrorCode.NOT_FOUND.exception("No version " + version + " of plugin " + pluginId + ".");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }
}
