package org.pluginreview.lifecycle;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;

/**
 * Decides whether an action is allowed right now. The same function answers a version's
 * {@code actions} and refuses a call, so the two can never disagree.
 */
public final class VersionRules {

  /** What the rules need to know about one version and its plugin. */
  public record Situation(Plugin plugin, PluginVersion version, Supplier<List<PluginVersion>> siblingSource,
                          Supplier<List<PluginVersion>> earlierLiveSource, Actor actor, String reviewClaimedBy) {

    /** With every version of the plugin that a rule may ask about: the earlier live ones are read from the list. */
    public Situation(Plugin plugin, PluginVersion version, List<PluginVersion> siblings, Actor actor,
                     String reviewClaimedBy) {
      this(plugin, version, () -> siblings, () -> siblings.stream()
          .filter(v -> v.getStatus() == VersionStatus.OFFLINE && v.getReleasedAt() != null)
          .sorted(java.util.Comparator.comparing(PluginVersion::getReleasedAt).reversed())
          .limit(ROLLBACK_DEPTH).toList(), actor, reviewClaimedBy);
    }

    /** The version with the siblings the rules look at (in flight, live, trial); only some rules need them. */
    public List<PluginVersion> siblings() {
      return siblingSource.get();
    }

    boolean hasLiveVersion() {
      return siblings().stream().anyMatch(v -> v.getStatus() == VersionStatus.RELEASED);
    }

    Optional<PluginVersion> otherInFlight() {
      return siblings().stream().filter(v -> !v.getVersion().equals(version.getVersion()) && v.isInFlight()).findFirst();
    }

    public Optional<PluginVersion> live() {
      return siblings().stream().filter(v -> v.getStatus() == VersionStatus.RELEASED).findFirst();
    }

    Optional<VersionNumber> highestEverLive() {
      return plugin.highestLiveVersion();
    }
  }

  /**
   * Why an action is refused, as a plain value: a version's {@code actions} asks about every action, and
   * only a refusal that is thrown needs an exception (and the cost of its stack trace).
   */
  public record Refusal(ErrorCode code, String detail, Map<String, Object> properties) {

    Refusal(ErrorCode code, String detail) {
      this(code, detail, Map.of());
    }

    Refusal with(String name, Object value) {
      Map<String, Object> more = new LinkedHashMap<>(properties);
      more.put(name, value);
      return new Refusal(code, detail, more);
    }

    public ApiException exception() {
      ApiException e = code.exception(detail);
      properties.forEach(e::with);
      return e;
    }
  }

  /** How many earlier live versions a plugin can roll back to, as WeChat keeps. */
  public static final int ROLLBACK_DEPTH = 5;

  private VersionRules() {}

  public static List<Action> allowed(Situation s) {
    return Arrays.stream(Action.values()).filter(a -> refusal(a, s).isEmpty()).toList();
  }

  /** Throws the refusal as {@link #explained} gives it. */
  public static void require(Action action, Situation s) {
    Optional<Refusal> refusal = explained(action, s);
    if (refusal.isPresent()) {
      throw refusal.get().exception();
    }
  }

  /** The refusal as a caller sees it: one for the wrong status lists what is allowed instead. */
  public static Optional<Refusal> explained(Action action, Situation s) {
    return refusal(action, s).map(r -> r.code() == ErrorCode.ILLEGAL_STATE ? r.with("allowedActions", allowed(s)) : r);
  }

  public static Optional<Refusal> refusal(Action action, Situation s) {
    PluginVersion v = s.version();
    String actor = s.actor().userId();
    switch (action.role()) {
      case OWNER -> {
        if (!actor.equals(s.plugin().getOwner())) {
          return refused(ErrorCode.FORBIDDEN, "Only the plugin's owner may do this.");
        }
      }
      case SUBMITTER -> {
        if (!actor.equals(v.getSubmitter())) {
          return refused(ErrorCode.FORBIDDEN, "Only the submitter may confirm the self-check.");
        }
      }
      case REVIEWER -> {
        if (actor.equals(v.getSubmitter()) || actor.equals(s.plugin().getOwner())) {
          return refused(ErrorCode.SELF_REVIEW_FORBIDDEN, "Nobody may review their own submission.");
        }
        if (!s.actor().isReviewer()) {
          return refused(ErrorCode.FORBIDDEN, "Only reviewers may review.");
        }
      }
      case LEAD -> {
        if (actor.equals(v.getSubmitter()) || actor.equals(s.plugin().getOwner())) {
          return refused(ErrorCode.SELF_REVIEW_FORBIDDEN, "Nobody may decide the appeal of their own submission.");
        }
        if (actor.equals(v.getReviewer())) {
          return refused(ErrorCode.SELF_REVIEW_FORBIDDEN,
              "The reviewer who rejected the version may not decide its appeal.");
        }
        if (!s.actor().isLead()) {
          return refused(ErrorCode.FORBIDDEN, "Only review leads decide appeals.");
        }
      }
    }
    if (!action.allowedFrom(v.getStatus())) {
      return Optional.of(new Refusal(ErrorCode.ILLEGAL_STATE,
          "Version " + v.getVersion() + " is " + v.getStatus() + "; " + name(action) + " is not allowed now.",
          Map.of("versionStatus", v.getStatus())));
    }
    if (v.getAppealState() == AppealState.PENDING
        && (action == Action.EDIT || action == Action.DELETE || action == Action.SUBMIT)) {
      return refused(ErrorCode.ILLEGAL_STATE, "An appeal of version " + v.getVersion()
          + " waits for a review lead; it cannot change until the appeal is decided.");
    }
    return switch (action) {
      case EXPEDITE -> v.getExpeditedAt() != null
          ? refused(ErrorCode.ILLEGAL_STATE, "This review of version " + v.getVersion() + " is already expedited.")
          : Optional.empty();
      case APPEAL -> v.getAppealState() != null
          ? refused(ErrorCode.ILLEGAL_STATE, "Version " + v.getVersion() + " was appealed already; a version may be "
              + "appealed once.")
          : Optional.empty();
      case UPHOLD_APPEAL, DENY_APPEAL -> v.getAppealState() != AppealState.PENDING
          ? refused(ErrorCode.ILLEGAL_STATE, "No appeal of version " + v.getVersion() + " is pending.")
          : Optional.empty();
      case SET_TRIAL -> v.isTrial()
          ? refused(ErrorCode.ILLEGAL_STATE, "Version " + v.getVersion() + " is already the trial version.")
          : Optional.empty();
      case CANCEL_TRIAL -> v.isTrial()
          ? Optional.empty()
          : refused(ErrorCode.ILLEGAL_STATE, "Version " + v.getVersion() + " is not the trial version.");
      case SUBMIT -> submitRefusal(s);
      case APPROVE, REJECT -> s.reviewClaimedBy() != null && !s.reviewClaimedBy().equals(actor)
          ? refused(ErrorCode.CONFLICT, "The review is claimed by " + s.reviewClaimedBy() + ".")
          : Optional.empty();
      case ROLLBACK -> rollbackRefusal(s);
      case START_GRAY -> s.hasLiveVersion()
          ? Optional.empty()
          : refused(ErrorCode.GRAY_NEEDS_LIVE_VERSION,
              "Grayscale needs a live version of the plugin to compare against; go live first.");
      default -> Optional.empty();
    };
  }

  private static Optional<Refusal> submitRefusal(Situation s) {
    PluginVersion v = s.version();
    Optional<PluginVersion> other = s.otherInFlight();
    if (other.isPresent()) {
      return Optional.of(new Refusal(ErrorCode.VERSION_IN_FLIGHT, "Version " + other.get().getVersion()
          + " of this plugin is " + other.get().getStatus() + "; finish or withdraw it first.",
          Map.of("inFlightVersion", other.get().getVersion())));
    }
    Optional<VersionNumber> live = s.highestEverLive();
    if (live.isPresent() && v.number().compareTo(live.get()) <= 0) {
      return Optional.of(versionNotGreater(v.getVersion(), live.get()));
    }
    if (v.getFeaturePackages().isEmpty()) {
      return refused(ErrorCode.FEATURE_PACKAGES_REQUIRED, "Add at least one feature package before submitting.");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> rollbackRefusal(Situation s) {
    Optional<PluginVersion> gray = s.siblings().stream().filter(v -> v.getStatus() == VersionStatus.GRAY).findFirst();
    if (gray.isPresent()) {
      return Optional.of(new Refusal(ErrorCode.ROLLBACK_DURING_GRAY, "Version " + gray.get().getVersion()
          + " is in a grayscale test; finish or cancel it before rolling back.",
          Map.of("grayVersion", gray.get().getVersion())));
    }
    if (s.earlierLiveSource().get().stream().noneMatch(v -> v.getVersion().equals(s.version().getVersion()))) {
      return refused(ErrorCode.ILLEGAL_STATE, "Only the last " + ROLLBACK_DEPTH
          + " versions that were live can be made live again.");
    }
    return Optional.empty();
  }

  /** What can be done to the plugin as a whole: its owner, or an administrator, takes it offline and back. */
  public enum PluginAction { TAKE_OFFLINE, BRING_ONLINE }

  public static List<PluginAction> allowed(Plugin plugin, List<PluginVersion> relevant, Actor actor) {
    return Arrays.stream(PluginAction.values()).filter(a -> refusal(a, plugin, relevant, actor).isEmpty()).toList();
  }

  public static Optional<Refusal> refusal(PluginAction action, Plugin plugin, List<PluginVersion> relevant, Actor actor) {
    if (!actor.userId().equals(plugin.getOwner()) && !actor.isAdmin()) {
      return refused(ErrorCode.FORBIDDEN, "Only the plugin's owner or an administrator may do this.");
    }
    boolean live = relevant.stream().anyMatch(v -> v.getStatus() == VersionStatus.RELEASED);
    return switch (action) {
      case TAKE_OFFLINE -> !live
          ? refused(ErrorCode.ILLEGAL_STATE, "The plugin has no live version to take offline.")
          : relevant.stream().anyMatch(v -> v.getStatus() == VersionStatus.GRAY)
          ? refused(ErrorCode.ILLEGAL_STATE, "A version is in a grayscale test against the live one; cancel it first.")
          : Optional.empty();
      case BRING_ONLINE -> plugin.offlineVersion().isEmpty() || live
          ? refused(ErrorCode.ILLEGAL_STATE, "The plugin is not offline.")
          : Optional.empty();
    };
  }

  static Refusal versionNotGreater(String version, VersionNumber live) {
    return new Refusal(ErrorCode.VERSION_NOT_GREATER,
        "Version " + version + " is not greater than " + live + ", which has been live.");
  }

  static String name(Action action) {
    return action.name().toLowerCase().replace('_', ' ');
  }

  private static Optional<Refusal> refused(ErrorCode code, String detail) {
    return Optional.of(new Refusal(code, detail));
  }
}
