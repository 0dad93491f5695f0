package org.pluginreview.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.lifecycle.BasicInfo;
import org.pluginreview.lifecycle.Finding;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.PreReview;
import org.pluginreview.lifecycle.ReviewStandard;
import org.pluginreview.lifecycle.ReleaseDecision;
import org.pluginreview.lifecycle.SelfCheckItem;
import org.pluginreview.lifecycle.VersionEvent;
import org.pluginreview.lifecycle.VersionEventRepository;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.lifecycle.VersionRules;
import org.pluginreview.lifecycle.VersionRules.Situation;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/**
 * On every user task's creation: a name that says which plugin and version it is about, a due date on a
 * review (its SLA, which Tasklist marks when passed), and the details its Camunda Form shows, as task-local
 * variables.
 */
@Component("showTaskDetails")
class ShowTaskDetails implements TaskListener {

  /** The engine keeps text variables of at most 4,000 characters; a longer detail is cut off. */
  static final int MAX_DETAIL = 4000;

  private final VersionStore store;
  private final VersionEventRepository events;

  private final Duration sla;

  ShowTaskDetails(VersionStore store, VersionEventRepository events, ReviewSettings settings) {
    this.store = store;
    this.events = events;
    this.sla = settings.duration();
  }

  @Override
  public void notify(DelegateTask task) {
    Review review = StepVariables.review(task);
    task.setName(ReviewProcess.taskName(task.getTaskDefinitionKey(), review.pluginId(), review.version()));
    if (ReviewProcess.USER_TASK_REVIEW.equals(task.getTaskDefinitionKey())) {
      // the overdue timer on the task runs from the same moment
      task.setDueDate(Date.from(task.getCreateTime().toInstant().plus(sla)));
    }
    // each variable is a row written and later deleted: store only what this task's form shows
    task.setVariablesLocal(details(review,
        ReviewProcess.FORM_DETAILS.getOrDefault(task.getTaskDefinitionKey(), Set.of())));
  }

  /** What a task form shows of a version, as plain text keyed by the form's field names: those it wants. */
  Map<String, Object> details(Review review, Set<String> wanted) {
    Plugin plugin = store.plugin(review.pluginId())
        .orElseThrow(() -> VersionLifecycle.noPlugin(review.pluginId()));
    PluginVersion v = store.version(review.pluginId(), review.version())
        .orElseThrow(() -> VersionLifecycle.notFound(review.pluginId(), review.version()));
    // the trail is read only for the forms that show it
    List<VersionEvent> trail = wanted.contains(ReviewProcess.Detail.SELF_CHECK)
        || wanted.contains(ReviewProcess.Detail.REJECTIONS) || wanted.contains(ReviewProcess.Detail.CONVERSATION)
        ? events.findByPluginIdAndVersionOrderByIdAsc(review.pluginId(), review.version()) : List.of();
    BasicInfo info = v.getBasicInfo();
    Map<String, Object> details = new HashMap<>();
    details.put(ReviewProcess.Detail.PLUGIN, plugin.getPluginId() + " (" + plugin.getName() + ")");
    details.put(ReviewProcess.Detail.VERSION, v.getVersion());
    details.put(ReviewProcess.Detail.STATUS, ReviewProcess.STATUS_LABELS.get(v.getStatus()));
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
        .filter(e -> e.getAction() == VersionEvent.Type.SELF_CHECK_CONFIRMED).reduce((a, b) -> b)
        .map(e -> "Confirmed by " + e.getActor() + ", " + time(e.getOccurredAt()) + ":\n"
            + Arrays.stream(SelfCheckItem.values()).map(i -> "✓ " + ReviewProcess.SELF_CHECK_LABELS.get(i))
            .collect(Collectors.joining("\n")))
        .orElse("Not confirmed yet."));
    // newest first, so that what is cut off is the oldest
    details.put(ReviewProcess.Detail.REJECTIONS, trail.stream()
        .filter(e -> e.getAction() == VersionEvent.Type.REJECTED)
        .map(e -> time(e.getOccurredAt()) + ", " + e.getActor() + ": " + readableReason(e.getComment())
            + cited(e.findings()))
        .reduce((a, b) -> b + "\n" + a).orElse("None."));
    if (wanted.contains(ReviewProcess.Detail.STANDARD)) {
      details.put(ReviewProcess.Detail.STANDARD, ReviewStandard.get().items().stream().map(ReviewStandard.Item::label)
          .collect(Collectors.joining("\n")));
    }
    if (wanted.contains(ReviewProcess.Detail.APPEAL) || wanted.contains(ReviewProcess.Detail.CONVERSATION)) {
      details.put(ReviewProcess.Detail.APPEAL, trail.stream().filter(e -> e.getAction() == VersionEvent.Type.APPEALED)
          .reduce((a, b) -> b).map(e -> time(e.getOccurredAt()) + ", " + e.getActor() + ": " + e.getComment())
          .orElse("-"));
      details.put(ReviewProcess.Detail.CONVERSATION, conversation(trail));
    }
    if (wanted.contains(ReviewProcess.Detail.CHANGES)) {
      details.put(ReviewProcess.Detail.CHANGES, changes(v, store.relevant(review.pluginId(), review.version()).stream()
          .filter(s -> s.getStatus() == VersionStatus.RELEASED).findFirst()));
    }
    if (wanted.contains(ReviewProcess.Detail.PRE_REVIEW_WARNING)) {
      List<Finding> findings = PreReview.findings(v);
      details.put(ReviewProcess.Detail.PRE_REVIEW_WARNING, findings.isEmpty() ? ""
          : "The automatic pre-review will send this version back to development (预审将退回此版本). Withdraw it, fix this and submit again:\n"
              + findings.stream().map(f -> "• " + ReviewProcess.FINDING_LABELS.getOrDefault(f.code(), f.detail()))
              .collect(Collectors.joining("\n")));
    }
    if (wanted.contains(ReviewProcess.Detail.RELEASE_CHOICES)) {
      details.put(ReviewProcess.Detail.RELEASE_CHOICES, releaseChoices(plugin, v));
    }
    details.keySet().retainAll(wanted);
    details.replaceAll((name, value) -> cut((String) value));
    return details;
  }

  /** The release task is the owner's: what the rules let the owner decide now, as the console's actions would. */
  private String releaseChoices(Plugin plugin, PluginVersion v) {
    Situation owner = new Situation(plugin, v, store.relevant(plugin.getPluginId(), v.getVersion()),
        new Actor(plugin.getOwner(), Set.of()), null);
    return Arrays.stream(ReleaseDecision.values())
        .filter(d -> VersionRules.refusal(d.action(), owner).isEmpty())
        .map(Enum::name).collect(Collectors.joining(","));
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** A rejection's event reads "CATEGORY: comment"; the form names the category. */
  /** "; cites 2.1 Privacy policy required (需提供隐私政策), 4.2 ..." after a rejection's reason, if it cites any. */
  static String cited(List<String> findings) {
    return findings.isEmpty() ? "" : "\n  cites " + ReviewStandard.get().cited(findings).stream()
        .map(ReviewStandard.Item::label).collect(Collectors.joining("; "));
  }

  /** The rejections and every message since the first one, oldest first, as the developer's console shows them. */
  static String conversation(List<VersionEvent> trail) {
    String thread = trail.stream()
        .filter(e -> e.getAction() == VersionEvent.Type.REJECTED || e.getAction() == VersionEvent.Type.MESSAGE_POSTED)
        .map(e -> time(e.getOccurredAt()) + ", " + e.getActor() + (e.getAction() == VersionEvent.Type.REJECTED
            ? " rejected it: " + readableReason(e.getComment()) + cited(e.findings()) : ": " + e.getComment()))
        .collect(Collectors.joining("\n"));
    return thread.isEmpty() ? "-" : thread;
  }

  private static String readableReason(String comment) {
    int colon = comment == null ? -1 : comment.indexOf(": ");
    String label = colon < 0 ? null : ReviewProcess.REASON_LABELS.get(comment.substring(0, colon));
    return label == null ? text(comment) : label + ": " + comment.substring(colon + 2);
  }

  /** What a reviewer compares first: the feature packages and basic info against the live version. */
  static String changes(PluginVersion v, Optional<PluginVersion> live) {
    if (live.isEmpty()) {
      return "No version is live yet: this would be the first release.";
    }
    PluginVersion l = live.get();
    List<String> added = v.getFeaturePackages().stream().filter(p -> !l.getFeaturePackages().contains(p)).toList();
    List<String> removed = l.getFeaturePackages().stream().filter(p -> !v.getFeaturePackages().contains(p)).toList();
    BasicInfo now = v.getBasicInfo();
    BasicInfo before = l.getBasicInfo();
    List<String> changed = new ArrayList<>();
    compare(changed, "name", before.name(), now.name());
    compare(changed, "summary", before.summary(), now.summary());
    compare(changed, "description", before.description(), now.description());
    compare(changed, "category", before.category(), now.category());
    compare(changed, "contact email", before.contactEmail(), now.contactEmail());
    compare(changed, "uses personal data", before.usesPersonalData(), now.usesPersonalData());
    compare(changed, "privacy-policy URL", before.privacyPolicyUrl(), now.privacyPolicyUrl());
    return "Against the live version " + l.getVersion() + ":\n"
        + "Feature packages added: " + (added.isEmpty() ? "none" : String.join(", ", added)) + "\n"
        + "Feature packages removed: " + (removed.isEmpty() ? "none" : String.join(", ", removed)) + "\n"
        + "Basic info changed: " + (changed.isEmpty() ? "nothing" : String.join(", ", changed));
  }

  private static void compare(List<String> changed, String field, Object before, Object now) {
    if (!Objects.equals(before, now)) {
      changed.add(field);
    }
  }

  private static String cut(String value) {
    return value.length() <= MAX_DETAIL ? value : value.substring(0, MAX_DETAIL - 1) + "…";
  }

  private static String text(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
