package org.pluginreview.plugin;

import static org.pluginreview.plugin.VersionEvent.Type;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.task.Task;
import org.pluginreview.plugin.PluginRequests.BasicInfoInput;
import org.pluginreview.plugin.PluginRequests.CreatePlugin;
import org.pluginreview.plugin.PluginRequests.EditVersion;
import org.pluginreview.plugin.PluginRequests.UploadVersion;
import org.pluginreview.plugin.PluginViews.Event;
import org.pluginreview.plugin.PluginViews.PluginDetails;
import org.pluginreview.plugin.PluginViews.PluginSummary;
import org.pluginreview.plugin.PluginViews.Rejection;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.plugin.VersionRules.Situation;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.review.ReviewProcess.ReleaseDecision;
import org.pluginreview.review.ReviewProcess.ReviewDecision;
import org.pluginreview.review.ReviewWorkflow;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns every change to plugins and version records. REST calls come in through the public actions;
 * the review process calls the step methods from its delegates and task listeners. Each action takes
 * the plugin's row lock first, so rules that span versions hold when requests race.
 */
@Service
@Transactional
public class PluginService {

  public static final Set<String> REJECT_CATEGORIES =
      Set.of("FUNCTIONALITY", "CONTENT", "PRIVACY_SECURITY", "INFORMATION", "OTHER");
  /** Review comments can come from Tasklist's form too, which has no length limit of its own. */
  static final int MAX_COMMENT = 2000;

  private final PluginRepository plugins;
  private final PluginVersionRepository versions;
  private final VersionEventRepository events;
  private final ReviewWorkflow workflow;
  private final LifecycleMetrics metrics;
  private final Clock clock;
  /**
   * The situation a request has checked under the plugin's lock, while the engine runs, in this same
   * thread and transaction, the listeners and steps that request set off: they use it rather than lock
   * and load the same rows again. Tasklist, engine-rest and the job executor find it empty.
   */
  private final ThreadLocal<Situation> driving = new ThreadLocal<>();

  PluginService(PluginRepository plugins, PluginVersionRepository versions, VersionEventRepository events,
                ReviewWorkflow workflow, LifecycleMetrics metrics, Clock clock) {
    this.plugins = plugins;
    this.versions = versions;
    this.events = events;
    this.workflow = workflow;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Where each version stands, for the consistency check against the engine. */
  public record VersionState(String pluginId, String version, VersionStatus status, String processInstanceId) {}

  @Transactional(readOnly = true)
  public List<VersionState> versionStates() {
    return versions.findAll().stream()
        .map(v -> new VersionState(v.getPluginId(), v.getVersion(), v.getStatus(), v.getProcessInstanceId()))
        .toList();
  }

  // ---------------------------------------------------------------- plugins

  public PluginDetails createPlugin(Actor actor, CreatePlugin request) {
    if (!actor.isDeveloper()) {
      throw ErrorCode.FORBIDDEN.exception("Only developers create plugins.");
    }
    if (plugins.existsByPluginId(request.pluginId())) {
      throw ErrorCode.PLUGIN_EXISTS.exception("Plugin " + request.pluginId() + " already exists.");
    }
    Plugin plugin = plugins.saveAndFlush(
        new Plugin(request.pluginId(), request.name(), request.description(), actor.userId(), clock.instant()));
    return details(plugin, List.of(), actor);
  }

  @Transactional(readOnly = true)
  public List<PluginSummary> listPlugins(Actor actor, Paging paging) {
    List<Plugin> visible = actor.readsEverything()
        ? plugins.findAllByOrderByPluginId(paging.pageable())
        : plugins.findByOwnerOrderByPluginId(actor.userId(), paging.pageable());
    return visible.stream().map(p -> {
      // live and trial versions are among the relevant few; no need to load every version of every plugin
      List<PluginVersion> all = relevantVersions(p.getPluginId(), null);
      return new PluginSummary(p.getPluginId(), p.getName(), p.getDescription(), p.getOwner(), p.getCreatedAt(),
          liveVersion(all), trialVersion(all));
    }).toList();
  }

  @Transactional(readOnly = true)
  public PluginDetails plugin(Actor actor, String pluginId) {
    Plugin plugin = readable(actor, plugins.findByPluginId(pluginId), pluginId);
    return details(plugin, versionsOf(pluginId), actor);
  }

  // ---------------------------------------------------------------- versions: reading

  @Transactional(readOnly = true)
  public List<VersionDetails> versions(Actor actor, String pluginId, Paging paging) {
    Plugin plugin = readable(actor, plugins.findByPluginId(pluginId), pluginId);
    List<PluginVersion> all = versionsOf(pluginId);
    return paging.slice(all).stream().map(v -> view(new Situation(plugin, v, all, actor, claimedBy(v)))).toList();
  }

  @Transactional(readOnly = true)
  public VersionDetails version(Actor actor, String pluginId, String version) {
    return view(situation(actor, pluginId, version, false));
  }

  /** The audit trail stays readable after the version itself was deleted. */
  @Transactional(readOnly = true)
  public List<Event> history(Actor actor, String pluginId, String version) {
    readable(actor, plugins.findByPluginId(pluginId), pluginId);
    List<VersionEvent> trail = events.findByPluginIdAndVersionOrderByIdAsc(pluginId, version);
    if (trail.isEmpty() && versions.findByPluginIdAndVersion(pluginId, version).isEmpty()) {
      throw notFound(pluginId, version);
    }
    return trail.stream().map(Event::of).toList();
  }

  // ---------------------------------------------------------------- versions: developer actions

  public VersionDetails upload(Actor actor, String pluginId, UploadVersion request) {
    Plugin plugin = readable(actor, plugins.lockByPluginId(pluginId), pluginId);
    if (!actor.userId().equals(plugin.getOwner())) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner may upload versions.");
    }
    VersionNumber number = VersionNumber.parse(request.version());
    if (versions.existsByPluginIdAndVersion(pluginId, number.toString())) {
      throw ErrorCode.VERSION_EXISTS.exception("Version " + number + " of " + pluginId + " already exists.");
    }
    Optional<VersionNumber> live = plugin.highestLiveVersion();
    if (live.isPresent() && number.compareTo(live.get()) <= 0) {
      throw VersionRules.versionNotGreater(number.toString(), live.get()).exception();
    }
    Instant now = clock.instant();
    PluginVersion v = new PluginVersion(pluginId, number, now);
    v.setDescription(request.description());
    v.setFeaturePackages(request.featurePackages() == null ? List.of() : request.featurePackages());
    v.setBasicInfo(request.basicInfo() == null ? BasicInfo.EMPTY : request.basicInfo().toBasicInfo());
    versions.saveAndFlush(v);
    record(v, Type.UPLOADED, null, actor.userId(), null);
    List<PluginVersion> all = relevantVersions(pluginId, null);
    all.add(0, v);
    return view(new Situation(plugin, v, all, actor, null));
  }

  public VersionDetails edit(Actor actor, String pluginId, String version, EditVersion request) {
    Situation s = situation(actor, pluginId, version, true);
    VersionRules.require(Action.EDIT, s);
    if (request.version() != null && !request.version().equals(version)) {
      throw ErrorCode.VALIDATION_FAILED.exception("The version number can never change; upload a new version.")
          .with("fields", Map.of("version", "cannot be changed"));
    }
    PluginVersion v = s.version();
    List<String> changed = new ArrayList<>();
    if (request.description() != null) {
      v.setDescription(request.description());
      changed.add("description");
    }
    if (request.featurePackages() != null) {
      v.setFeaturePackages(request.featurePackages());
      changed.add("featurePackages");
    }
    BasicInfoInput info = request.basicInfo();
    if (info != null) {
      v.setBasicInfo(info.toBasicInfo());
      changed.add("basicInfo");
    }
    record(v, Type.EDITED, v.getStatus(), actor.userId(), changed.isEmpty() ? null : String.join(", ", changed));
    return view(s);
  }

  public void delete(Actor actor, String pluginId, String version) {
    Situation s = situation(actor, pluginId, version, true);
    VersionRules.require(Action.DELETE, s);
    PluginVersion v = s.version();
    VersionStatus from = v.getStatus();
    events.save(new VersionEvent(v, Type.DELETED, from, actor.userId(), clock.instant(), null));
    versions.delete(v);
  }

  public VersionDetails setTrial(Actor actor, String pluginId, String version) {
    Situation s = situation(actor, pluginId, version, true);
    if (s.version().isTrial() && actor.userId().equals(s.plugin().getOwner())) {
      return view(s);
    }
    VersionRules.require(Action.SET_TRIAL, s);
    // at most one trial version per plugin: setting one moves the flag
    for (PluginVersion other : s.siblings()) {
      if (other.isTrial()) {
        other.setTrial(false);
        record(other, Type.TRIAL_CANCELLED, other.getStatus(), actor.userId(), "replaced by " + version);
      }
    }
    s.version().setTrial(true);
    record(s.version(), Type.TRIAL_SET, s.version().getStatus(), actor.userId(), null);
    return view(s);
  }

  public void cancelTrial(Actor actor, String pluginId) {
    Plugin plugin = readable(actor, plugins.lockByPluginId(pluginId), pluginId);
    List<PluginVersion> all = relevantVersions(pluginId, null);
    Optional<PluginVersion> trial = all.stream().filter(PluginVersion::isTrial).findFirst();
    if (trial.isEmpty()) {
      if (!actor.userId().equals(plugin.getOwner())) {
        throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner may do this.");
      }
      return;
    }
    Situation s = new Situation(plugin, trial.get(), all, actor, null);
    VersionRules.require(Action.CANCEL_TRIAL, s);
    trial.get().setTrial(false);
    record(trial.get(), Type.TRIAL_CANCELLED, trial.get().getStatus(), actor.userId(), null);
  }

  /** Starts the review process; its first step ({@link #markSubmitted}) moves the record. */
  public VersionDetails submit(Actor actor, String pluginId, String version) {
    Situation s = situation(actor, pluginId, version, true);
    VersionRules.require(Action.SUBMIT, s);
    drive(s, () -> workflow.start(pluginId, version));
    return view(s);
  }

  public VersionDetails selfCheck(Actor actor, String pluginId, String version, List<String> items) {
    Situation s = situation(actor, pluginId, version, true);
    VersionRules.require(Action.SELF_CHECK, s);
    Set<SelfCheckItem> ticked = parseItems(items);
    Map<String, Object> variables = new HashMap<>();
    for (SelfCheckItem item : SelfCheckItem.values()) {
      variables.put(ReviewProcess.SELF_CHECK_VARIABLES.get(item), ticked.contains(item));
    }
    Task task = task(s, ReviewProcess.USER_TASK_SELF_CHECK);
    drive(s, () -> workflow.complete(task, variables));
    return view(s);
  }

  public VersionDetails withdraw(Actor actor, String pluginId, String version) {
    Situation s = situation(actor, pluginId, version, true);
    VersionRules.require(Action.WITHDRAW, s);
    drive(s, () -> workflow.withdraw(s.version().getProcessInstanceId()));
    return view(s);
  }

  public VersionDetails review(Actor actor, String pluginId, String version, String decision,
                               String reasonCategory, String comment) {
    ReviewDecision parsed = parse(ReviewDecision.class, decision, "decision");
    Situation s = situation(actor, pluginId, version, true);
    VersionRules.require(parsed == ReviewDecision.APPROVE ? Action.APPROVE : Action.REJECT, s);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ReviewProcess.Var.REVIEW_DECISION, parsed.name());
    variables.put(ReviewProcess.Var.REJECT_CATEGORY, reasonCategory);
    variables.put(ReviewProcess.Var.REVIEW_COMMENT, comment);
    Task task = task(s, ReviewProcess.USER_TASK_REVIEW);
    drive(s, () -> workflow.complete(task, variables));
    return view(s);
  }

  /** Starts grayscale from APPROVED, raises it from GRAY. */
  public VersionDetails gray(Actor actor, String pluginId, String version, Object percentage) {
    Situation s = situation(actor, pluginId, version, true);
    ReleaseDecision decision = s.version().getStatus() == VersionStatus.GRAY
        ? ReleaseDecision.RAISE_GRAY : ReleaseDecision.START_GRAY;
    return decideRelease(s, decision, percentage);
  }

  public VersionDetails cancelGray(Actor actor, String pluginId, String version) {
    return decideRelease(situation(actor, pluginId, version, true), ReleaseDecision.CANCEL_GRAY, null);
  }

  public VersionDetails release(Actor actor, String pluginId, String version) {
    return decideRelease(situation(actor, pluginId, version, true), ReleaseDecision.GO_LIVE, null);
  }

  public VersionDetails returnToDevelopment(Actor actor, String pluginId, String version) {
    return decideRelease(situation(actor, pluginId, version, true), ReleaseDecision.RETURN_TO_DEVELOPMENT, null);
  }

  private VersionDetails decideRelease(Situation s, ReleaseDecision decision, Object percentage) {
    Integer checked = checkReleaseDecision(s, decision, percentage);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ReviewProcess.Var.RELEASE_DECISION, decision.name());
    variables.put(ReviewProcess.Var.GRAY_PERCENTAGE, checked == null ? null : checked.longValue());
    Task task = task(s, ReviewProcess.USER_TASK_RELEASE_DECISION);
    drive(s, () -> workflow.complete(task, variables));
    return view(s);
  }

  // ---------------------------------------------------------------- process steps

  /** What a task form shows of a version, as plain text keyed by the form's field names: those it wants. */
  public Map<String, Object> taskDetails(String pluginId, String version, Set<String> wanted) {
    Situation s = driving(pluginId, version);
    Plugin plugin = s != null ? s.plugin()
        : plugins.findByPluginId(pluginId).orElseThrow(() -> notFound(pluginId, version));
    PluginVersion v = s != null ? s.version()
        : versions.findByPluginIdAndVersion(pluginId, version).orElseThrow(() -> notFound(pluginId, version));
    // the trail is read only for the forms that show it
    List<VersionEvent> trail = wanted.contains(ReviewProcess.Detail.SELF_CHECK)
        || wanted.contains(ReviewProcess.Detail.REJECTIONS)
        ? events.findByPluginIdAndVersionOrderByIdAsc(pluginId, version) : List.of();
    BasicInfo info = v.getBasicInfo();
    Map<String, Object> details = new HashMap<>();
    details.put(ReviewProcess.Detail.PLUGIN, plugin.getPluginId() + " (" + plugin.getName() + ")");
    details.put(ReviewProcess.Detail.VERSION, v.getVersion());
    details.put(ReviewProcess.Detail.STATUS, v.getStatus().name());
    details.put(ReviewProcess.Detail.GRAY_PERCENTAGE, v.getGrayPercentage() == null ? "-" : v.getGrayPercentage() + "%");
    details.put(ReviewProcess.Detail.SUBMITTER, text(v.getSubmitter()));
    details.put(ReviewProcess.Detail.DESCRIPTION, text(v.getDescription()));
    details.put(ReviewProcess.Detail.FEATURE_PACKAGES, v.getFeaturePackages().isEmpty() ? "-"
        : String.join("\n", v.getFeaturePackages()));
    details.put(ReviewProcess.Detail.NAME, text(info.name()));
    details.put(ReviewProcess.Detail.SUMMARY, text(info.summary()));
    details.put(ReviewProcess.Detail.INFO_DESCRIPTION, text(info.description()));
    details.put(ReviewProcess.Detail.CATEGORY, text(info.category()));
    details.put(ReviewProcess.Detail.CONTACT_EMAIL, text(info.contactEmail()));
    details.put(ReviewProcess.Detail.PERSONAL_DATA, info.usesPersonalData() ? "yes" : "no");
    details.put(ReviewProcess.Detail.PRIVACY_POLICY_URL, text(info.privacyPolicyUrl()));
    details.put(ReviewProcess.Detail.SELF_CHECK, trail.stream()
        .filter(e -> e.getAction() == Type.SELF_CHECK_CONFIRMED).reduce((a, b) -> b)
        .map(e -> "All " + SelfCheckItem.values().length + " items confirmed by " + e.getActor() + " at "
            + e.getOccurredAt() + ":\n" + Arrays.stream(SelfCheckItem.values()).map(i -> "[x] " + i)
            .collect(Collectors.joining("\n")))
        .orElse("Not confirmed yet."));
    details.put(ReviewProcess.Detail.FINDINGS, v.getFindings().isEmpty() ? "None."
        : v.getFindings().stream().map(f -> f.code() + ": " + f.detail()).collect(Collectors.joining("\n")));
    details.put(ReviewProcess.Detail.REJECTIONS, trail.stream().filter(e -> e.getAction() == Type.REJECTED)
        .map(e -> e.getOccurredAt() + " by " + e.getActor() + ": " + e.getComment())
        .reduce((a, b) -> a + "\n" + b).orElse("None."));
    details.keySet().retainAll(wanted);
    return details;
  }

  /** First step of the process, whoever started it (our API or engine-rest): the submit rules. */
  public void markSubmitted(Actor actor, String pluginId, String version, String processInstanceId) {
    Situation s = current(actor, pluginId, version);
    PluginVersion v = s.version();
    if (v.getStatus() == VersionStatus.SELF_CHECK && processInstanceId.equals(v.getProcessInstanceId())) {
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
    v.setProcessInstanceId(processInstanceId);
    record(v, Type.SUBMITTED, from, actor.userId(), null);
    metrics.submitted();
  }

  /** Task listener on the self-check task: every checklist item must be ticked. */
  public void confirmSelfCheck(Actor actor, String pluginId, String version, Set<SelfCheckItem> ticked) {
    Situation s = current(actor, pluginId, version);
    VersionRules.require(Action.SELF_CHECK, s);
    Set<SelfCheckItem> missing = EnumSet.allOf(SelfCheckItem.class);
    missing.removeAll(ticked);
    if (!missing.isEmpty()) {
      throw ErrorCode.SELF_CHECK_INCOMPLETE.exception("Tick every self-check item; missing: " + missing + ".")
          .with("missingItems", missing);
    }
    record(s.version(), Type.SELF_CHECK_CONFIRMED, s.version().getStatus(), actor.userId(), null);
  }

  /** The automatic pre-review: records its findings and says whether a human should see the version. */
  public boolean preReview(String pluginId, String version) {
    PluginVersion v = step(pluginId, version);
    List<Finding> findings = PreReview.findings(v);
    v.setFindings(findings);
    return findings.isEmpty();
  }

  public void sendToReview(Actor actor, String pluginId, String version) {
    move(step(pluginId, version), VersionStatus.AUDITING, Type.PRE_REVIEW_PASSED, actor, null);
  }

  public void returnWithFindings(Actor actor, String pluginId, String version) {
    PluginVersion v = step(pluginId, version);
    String summary = v.getFindings().stream().map(Finding::code).collect(Collectors.joining(", "));
    move(v, VersionStatus.DEVELOPMENT, Type.PRE_REVIEW_FAILED, actor, summary);
  }

  /** Task listener on the review task: four eyes and a reason for every rejection, whatever the surface. */
  public void checkReviewDecision(Actor actor, String pluginId, String version, String decision,
                                  String reasonCategory, String comment) {
    ReviewDecision parsed = parse(ReviewDecision.class, decision, "decision");
    Situation s = current(actor, pluginId, version);
    VersionRules.require(parsed == ReviewDecision.APPROVE ? Action.APPROVE : Action.REJECT, s);
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw ErrorCode.VALIDATION_FAILED.exception("The comment is longer than " + MAX_COMMENT + " characters.")
          .with("fields", Map.of("comment", "at most " + MAX_COMMENT + " characters"));
    }
    if (parsed == ReviewDecision.REJECT) {
      if (isBlank(reasonCategory) || isBlank(comment)) {
        throw ErrorCode.REJECT_REASON_REQUIRED.exception("A rejection needs a reason category and a comment.")
            .with("reasonCategories", REJECT_CATEGORIES.stream().sorted().toList());
      }
      if (!REJECT_CATEGORIES.contains(reasonCategory)) {
        throw ErrorCode.VALIDATION_FAILED.exception("Unknown reason category " + reasonCategory + ".")
            .with("fields", Map.of("reasonCategory", "one of " + REJECT_CATEGORIES.stream().sorted().toList()));
      }
    }
  }

  public void approve(String reviewer, String pluginId, String version, String comment) {
    PluginVersion v = step(pluginId, version);
    if (v.getStatus() == VersionStatus.AUDITING) {
      v.setReviewer(reviewer);
      v.setReviewedAt(clock.instant());
      metrics.decided(true, waitedForReview(v));
    }
    move(v, VersionStatus.APPROVED, Type.APPROVED, new Actor(reviewer, Set.of()), blankToNull(comment));
  }

  public void reject(String reviewer, String pluginId, String version, String category, String comment) {
    PluginVersion v = step(pluginId, version);
    if (v.getStatus() == VersionStatus.AUDITING) {
      v.setReviewer(reviewer);
      v.setReviewedAt(clock.instant());
      v.setRejection(category, comment);
      metrics.decided(false, waitedForReview(v));
    }
    move(v, VersionStatus.AUDIT_REJECTED, Type.REJECTED, new Actor(reviewer, Set.of()), category + ": " + comment);
  }

  /** The withdraw message may come from engine-rest too, so the owner rule is checked here. */
  public void withdrawn(Actor actor, String pluginId, String version) {
    Situation s = current(actor, pluginId, version);
    if (s.version().getStatus() == VersionStatus.DEVELOPMENT) {
      return;
    }
    VersionRules.require(Action.WITHDRAW, s);
    move(s.version(), VersionStatus.DEVELOPMENT, Type.WITHDRAWN, actor, null);
  }

  public void recordEscalation(String pluginId, String version, String comment) {
    PluginVersion v = step(pluginId, version);
    record(v, Type.REVIEW_ESCALATED, v.getStatus(), Actor.SYSTEM.userId(), comment);
  }

  /** Task listener on the release decision task, from our API or from Tasklist. */
  public void checkReleaseDecision(Actor actor, String pluginId, String version, String decision, Object percentage) {
    checkReleaseDecision(current(actor, pluginId, version),
        parse(ReleaseDecision.class, decision, "releaseDecision"), percentage);
  }

  private Integer checkReleaseDecision(Situation s, ReleaseDecision decision, Object percentage) {
    VersionRules.require(switch (decision) {
      case GO_LIVE -> Action.RELEASE;
      case START_GRAY -> Action.START_GRAY;
      case RAISE_GRAY -> Action.RAISE_GRAY;
      case CANCEL_GRAY -> Action.CANCEL_GRAY;
      case RETURN_TO_DEVELOPMENT -> Action.RETURN_TO_DEVELOPMENT;
    }, s);
    if (decision != ReleaseDecision.START_GRAY && decision != ReleaseDecision.RAISE_GRAY) {
      return null;
    }
    Integer current = decision == ReleaseDecision.RAISE_GRAY ? s.version().getGrayPercentage() : null;
    return GrayPercentage.check(percentage, current);
  }

  public void grayStarted(Actor actor, String pluginId, String version, int percentage) {
    PluginVersion v = step(pluginId, version);
    if (v.getStatus() == VersionStatus.APPROVED) {
      v.setGrayPercentage(percentage);
    }
    move(v, VersionStatus.GRAY, Type.GRAY_STARTED, actor, percentage + "%");
  }

  public void grayRaised(Actor actor, String pluginId, String version, int percentage) {
    PluginVersion v = step(pluginId, version);
    Integer from = v.getGrayPercentage();
    if (from != null && from >= percentage) {
      return; // already raised by an earlier run of this step
    }
    v.setGrayPercentage(percentage);
    record(v, Type.GRAY_RAISED, v.getStatus(), actor.userId(), from + "% -> " + percentage + "%");
  }

  public void grayCancelled(Actor actor, String pluginId, String version) {
    PluginVersion v = step(pluginId, version);
    if (v.getStatus() == VersionStatus.GRAY) {
      v.setGrayPercentage(null);
    }
    move(v, VersionStatus.APPROVED, Type.GRAY_CANCELLED, actor, null);
  }

  /** Go live: the previous live version goes offline in the same transaction. */
  public void released(Actor actor, String pluginId, String version) {
    PluginVersion v = step(pluginId, version);
    if (v.getStatus() == VersionStatus.RELEASED) {
      return;
    }
    for (PluginVersion other : siblings(pluginId)) {
      if (other.getStatus() == VersionStatus.RELEASED) {
        move(other, VersionStatus.OFFLINE, Type.TAKEN_OFFLINE, actor, "superseded by " + version);
      }
    }
    metrics.released();
    boolean wasTrial = v.isTrial();
    v.setTrial(false);
    v.setGrayPercentage(null);
    v.setReleasedAt(clock.instant());
    lockedPlugin(pluginId).wentLive(v.number());
    move(v, VersionStatus.RELEASED, Type.RELEASED, actor, wasTrial ? "trial flag cleared" : null);
  }

  public void returnedToDevelopment(Actor actor, String pluginId, String version) {
    PluginVersion v = step(pluginId, version);
    if (v.getStatus() != VersionStatus.DEVELOPMENT) {
      v.setGrayPercentage(null);
    }
    move(v, VersionStatus.DEVELOPMENT, Type.RETURNED_TO_DEVELOPMENT, actor, null);
  }

  // ---------------------------------------------------------------- helpers

  /** From the version's last entry into manual review until now. */
  private java.time.Duration waitedForReview(PluginVersion v) {
    List<VersionEvent> trail = events.findByPluginIdAndVersionOrderByIdAsc(v.getPluginId(), v.getVersion());
    for (int i = trail.size() - 1; i >= 0; i--) {
      if (trail.get(i).getAction() == Type.PRE_REVIEW_PASSED) {
        return java.time.Duration.between(trail.get(i).getOccurredAt(), clock.instant());
      }
    }
    return null;
  }

  /** Moves a record and writes its history event; a repeated run of the same step changes nothing. */
  private void move(PluginVersion v, VersionStatus to, Type type, Actor actor, String comment) {
    VersionStatus from = v.getStatus();
    if (from == to) {
      return;
    }
    v.setStatus(to);
    record(v, type, from, actor.userId(), comment);
  }

  private void record(PluginVersion v, Type type, VersionStatus from, String actor, String comment) {
    Instant now = clock.instant();
    v.touch(now);
    events.save(new VersionEvent(v, type, from, actor, now, comment));
  }

  /** Loads the version for an engine step; the step's listener already checked who may act. */
  private PluginVersion step(String pluginId, String version) {
    Situation s = driving(pluginId, version);
    if (s != null) {
      return s.version();
    }
    plugins.lockByPluginId(pluginId).orElseThrow(() -> notFound(pluginId, version));
    return versions.findByPluginIdAndVersion(pluginId, version).orElseThrow(() -> notFound(pluginId, version));
  }

  /** Runs an engine call that will come back into this service for the version {@code s} describes. */
  private void drive(Situation s, Runnable engineCall) {
    Situation outer = driving.get();
    driving.set(s);
    try {
      engineCall.run();
    } finally {
      if (outer == null) {
        driving.remove();
      } else {
        driving.set(outer);
      }
    }
  }

  /** The plugin of a step, locked: the driven request's, or locked now. */
  private Plugin lockedPlugin(String pluginId) {
    Situation s = driving(pluginId);
    return s != null ? s.plugin() : plugins.lockByPluginId(pluginId).orElseThrow(() -> noPlugin(pluginId));
  }

  /** The situation being driven in this thread, if it is about this plugin. */
  private Situation driving(String pluginId) {
    Situation s = driving.get();
    return s != null && s.plugin().getPluginId().equals(pluginId) ? s : null;
  }

  /** The situation being driven in this thread, if it is about this version. */
  private Situation driving(String pluginId, String version) {
    Situation s = driving(pluginId);
    return s != null && s.version().getVersion().equals(version) ? s : null;
  }

  /** For listeners: the request's checked situation if the same person drives this version, else a fresh one. */
  private Situation current(Actor actor, String pluginId, String version) {
    Situation s = driving(pluginId, version);
    return s != null && s.actor().userId().equals(actor.userId()) ? s : situation(actor, pluginId, version, true);
  }

  /** A plugin's versions the rules look at, for a step that holds the lock; the driven request has them already. */
  private List<PluginVersion> siblings(String pluginId) {
    Situation s = driving(pluginId);
    return s != null ? s.siblings() : relevantVersions(pluginId, null);
  }

  private Situation situation(Actor actor, String pluginId, String version, boolean lock) {
    Plugin plugin = readable(actor, lock ? plugins.lockByPluginId(pluginId) : plugins.findByPluginId(pluginId),
        pluginId);
    List<PluginVersion> all = relevantVersions(pluginId, version);
    PluginVersion v = all.stream().filter(x -> x.getVersion().equals(version)).findFirst()
        .orElseThrow(() -> notFound(pluginId, version));
    Long expected = lock ? ExpectedRevision.take() : null;
    if (expected != null && expected != v.getRevision()) {
      throw ErrorCode.CONFLICT.exception("Version " + version + " changed since you read it (revision " + expected
          + ", now " + v.getRevision() + "); reload and try again.").with("revision", v.getRevision());
    }
    return new Situation(plugin, v, all, actor, claimedBy(v));
  }

  private static final Set<VersionStatus> RELEVANT = EnumSet.of(VersionStatus.SELF_CHECK, VersionStatus.AUDITING,
      VersionStatus.APPROVED, VersionStatus.GRAY, VersionStatus.RELEASED);

  /**
   * The addressed version and the few siblings the rules depend on (in flight, live, trial; the highest
   * ever live is on the plugin row), rather than every version a plugin ever had: an action's cost stays
   * flat as they pile up.
   */
  private List<PluginVersion> relevantVersions(String pluginId, String version) {
    return new ArrayList<>(versions.findRelevant(pluginId, RELEVANT, version));
  }

  private String claimedBy(PluginVersion v) {
    return v.getStatus() == VersionStatus.AUDITING ? workflow.reviewClaimedBy(v.getProcessInstanceId()) : null;
  }

  /** Developers see only their own plugins; to anyone else another's plugin does not exist. */
  private static Plugin readable(Actor actor, Optional<Plugin> plugin, String pluginId) {
    return plugin.filter(p -> actor.readsEverything() || p.getOwner().equals(actor.userId()))
        .orElseThrow(() -> noPlugin(pluginId));
  }

  private static ApiException noPlugin(String pluginId) {
    return ErrorCode.NOT_FOUND.exception("No plugin " + pluginId + ".");
  }

  private Task task(Situation s, String taskKey) {
    return workflow.openTask(s.version().getProcessInstanceId(), taskKey)
        .orElseThrow(() -> ErrorCode.CONFLICT.exception(
            "The review process of version " + s.version().getVersion() + " is not waiting for this step."));
  }

  private List<PluginVersion> versionsOf(String pluginId) {
    return versions.findByPluginIdOrderByMajorDescMinorDescPatchDesc(pluginId);
  }

  private PluginDetails details(Plugin p, List<PluginVersion> all, Actor actor) {
    List<VersionDetails> views = all.stream().map(v -> view(new Situation(p, v, all, actor, claimedBy(v)))).toList();
    return new PluginDetails(p.getPluginId(), p.getName(), p.getDescription(), p.getOwner(), p.getCreatedAt(),
        liveVersion(all), trialVersion(all), views);
  }

  private static VersionDetails view(Situation s) {
    PluginVersion v = s.version();
    Rejection rejection = v.getRejectCategory() == null ? null : new Rejection(v.getRejectCategory(), v.getRejectComment());
    return new VersionDetails(v.getPluginId(), v.getVersion(), v.getStatus(), v.isTrial(), v.getGrayPercentage(),
        v.getDescription(), v.getFeaturePackages(), v.getBasicInfo(), rejection, v.getFindings(), v.getSubmitter(),
        v.getReviewer(), v.getProcessInstanceId(), v.getCreatedAt(), v.getUpdatedAt(), v.getSubmittedAt(),
        v.getReviewedAt(), v.getReleasedAt(), VersionRules.allowed(s), v.getRevision());
  }

  private static String liveVersion(List<PluginVersion> all) {
    return all.stream().filter(v -> v.getStatus() == VersionStatus.RELEASED).map(PluginVersion::getVersion)
        .findFirst().orElse(null);
  }

  private static String trialVersion(List<PluginVersion> all) {
    return all.stream().filter(PluginVersion::isTrial).map(PluginVersion::getVersion).findFirst().orElse(null);
  }

  private static Set<SelfCheckItem> parseItems(List<String> items) {
    Set<SelfCheckItem> ticked = EnumSet.noneOf(SelfCheckItem.class);
    for (String item : items) {
      ticked.add(parse(SelfCheckItem.class, item, "items"));
    }
    return ticked;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value != null) {
      for (E candidate : type.getEnumConstants()) {
        if (candidate.name().equals(value)) {
          return candidate;
        }
      }
    }
    List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    return throwValidation(field, "one of " + names);
  }

  private static <T> T throwValidation(String field, String message) {
    throw ErrorCode.VALIDATION_FAILED.exception("Field '" + field + "' must be " + message + ".")
        .with("fields", Map.of(field, message));
  }

  private static ApiException notFound(String pluginId, String version) {
    return ErrorCode.NOT_FOUND.exception("No version " + version + " of plugin " + pluginId + ".");
  }

  private static String text(String s) {
    return isBlank(s) ? "-" : s;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }
}
