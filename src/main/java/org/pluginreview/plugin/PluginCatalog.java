package org.pluginreview.plugin;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pluginreview.lifecycle.Action;
import org.pluginreview.lifecycle.AppealState;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.PluginRepository;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.PluginVersionRepository;
import org.pluginreview.lifecycle.VersionEvent;
import org.pluginreview.lifecycle.VersionEventRepository;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionRules;
import org.pluginreview.lifecycle.VersionRules.Refusal;
import org.pluginreview.lifecycle.VersionRules.Situation;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.plugin.PluginRequests.CreatePlugin;
import org.pluginreview.plugin.PluginRequests.EditVersion;
import org.pluginreview.plugin.PluginRequests.UploadVersion;
import org.pluginreview.plugin.PluginViews.DeletedVersion;
import org.pluginreview.plugin.PluginViews.Event;
import org.pluginreview.plugin.PluginViews.PluginDetails;
import org.pluginreview.plugin.PluginViews.PluginSummary;
import org.pluginreview.plugin.PluginViews.Rejection;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plugins and what people read of them: create, list and show; uploads and the edits that change no
 * status, which the lifecycle carries out; and each version's allowed actions, from the same rules
 * that refuse them.
 */
@Service
@Transactional
public class PluginCatalog {

  private final PluginRepository plugins;
  private final PluginVersionRepository versions;
  private final VersionEventRepository events;
  private final VersionLifecycle lifecycle;
  private final VersionStore store;
  private final ReviewClaims claims;
  private final Clock clock;

  PluginCatalog(PluginRepository plugins, PluginVersionRepository versions, VersionEventRepository events,
                VersionLifecycle lifecycle, VersionStore store, ReviewClaims claims, Clock clock) {
    this.plugins = plugins;
    this.versions = versions;
    this.events = events;
    this.lifecycle = lifecycle;
    this.store = store;
    this.claims = claims;
    this.clock = clock;
  }

  /** Where each version stands, for the consistency check against the engine; row orders the pages. */
  public record VersionState(long row, String pluginId, String version, VersionStatus status,
                             String processInstanceId, String submitter, String reviewer, AppealState appeal) {}

  /** The next page of versions in the order they were added, after the given row (0: from the start). */
  @Transactional(readOnly = true)
  public List<VersionState> versionStates(long afterRow, int size) {
    return versions.findByIdGreaterThanOrderById(afterRow, Limit.of(size)).stream()
        .map(v -> new VersionState(v.getId(), v.getPluginId(), v.getVersion(), v.getStatus(),
            v.getProcessInstanceId(), v.getSubmitter(), v.getReviewer(), v.getAppealState())).toList();
  }

  /** Which of these process instances a version record names. */
  @Transactional(readOnly = true)
  public Set<String> referencedProcessInstances(Collection<String> processInstanceIds) {
    return processInstanceIds.isEmpty() ? Set.of() : versions.findReferencedProcessInstances(processInstanceIds);
  }

  // ---------------------------------------------------------------- plugins

  public PluginDetails createPlugin(Actor actor, CreatePlugin request) {
    if (!actor.isDeveloper()) {
      throw ErrorCode.FORBIDDEN.exception("Only developers create plugins.");
    }
    if (plugins.existsByPluginKey(Plugin.key(request.pluginId()))) {
      throw ErrorCode.PLUGIN_EXISTS.exception("Plugin " + request.pluginId()
          + " already exists (ids differ by more than upper and lower case).");
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
      List<PluginVersion> few = relevant(p.getPluginId(), null);
      return new PluginSummary(p.getPluginId(), p.getName(), p.getDescription(), p.getOwner(), p.getCreatedAt(),
          liveVersion(few), trialVersion(few));
    }).toList();
  }

  @Transactional(readOnly = true)
  public PluginDetails plugin(Actor actor, String pluginId) {
    Plugin plugin = VersionLifecycle.visible(actor, plugins.findByPluginId(pluginId), pluginId);
    return details(plugin, versionsOf(pluginId), actor);
  }

  // ---------------------------------------------------------------- versions: reading

  @Transactional(readOnly = true)
  public List<VersionDetails> versions(Actor actor, String pluginId, Paging paging) {
    Plugin plugin = VersionLifecycle.visible(actor, plugins.findByPluginId(pluginId), pluginId);
    List<PluginVersion> all = versionsOf(pluginId);
    return paging.slice(all).stream().map(v -> view(new Situation(plugin, v, all, actor, claimedBy(v)))).toList();
  }

  @Transactional(readOnly = true)
  public VersionDetails version(Actor actor, String pluginId, String version) {
    return view(situation(actor, pluginId, version));
  }

  /**
   * Why the actor may not do this now, read from the same rules that give a version its actions; for a
   * command that found no task or message of the review waiting for it. A revision the caller never saw
   * comes first: what changed it is why.
   */
  @Transactional(readOnly = true)
  public Optional<Refusal> refusal(Actor actor, String pluginId, String version, Action action,
                                   Long expectedRevision) {
    Situation s = situation(actor, pluginId, version);
    if (expectedRevision != null && expectedRevision != s.version().getRevision()) {
      return Optional.of(new Refusal(ErrorCode.CONFLICT, "Version " + version + " changed since you read it (revision "
          + expectedRevision + ", now " + s.version().getRevision() + "); reload and try again.",
          Map.of("revision", s.version().getRevision())));
    }
    return VersionRules.explained(action, s);
  }

  /** Each deletion of a version, newest first; the deleted version's history stays readable. */
  @Transactional(readOnly = true)
  public List<DeletedVersion> deletedVersions(Actor actor, String pluginId, Paging paging) {
    VersionLifecycle.visible(actor, plugins.findByPluginId(pluginId), pluginId);
    return events.findByPluginIdAndActionOrderByIdDesc(pluginId, VersionEvent.Type.DELETED, paging.pageable()).stream()
        .map(e -> new DeletedVersion(e.getVersion(), e.getFromStatus(), e.getActor(), e.getOccurredAt())).toList();
  }

  /** The audit trail stays readable after the version itself was deleted. */
  @Transactional(readOnly = true)
  public List<Event> history(Actor actor, String pluginId, String version) {
    return trail(actor, pluginId, version).stream().map(Event::of).toList();
  }

  /** A visible version's history events, oldest first; a deleted version keeps them. */
  private List<VersionEvent> trail(Actor actor, String pluginId, String version) {
    VersionLifecycle.visible(actor, plugins.findByPluginId(pluginId), pluginId);
    List<VersionEvent> trail = events.findByPluginIdAndVersionOrderByIdAsc(pluginId, version);
    if (trail.isEmpty() && versions.findByPluginIdAndVersion(pluginId, version).isEmpty()) {
      throw VersionLifecycle.notFound(pluginId, version);
    }
    return trail;
  }

  /** The version's conversation: its rejections, the messages since, its appeal and the lead's decision. */
  @Transactional(readOnly = true)
  public List<PluginViews.Message> conversation(Actor actor, String pluginId, String version) {
    return trail(actor, pluginId, version).stream()
        .filter(e -> CONVERSATION.contains(e.getAction())).map(PluginViews.Message::of).toList();
  }

  private static final java.util.Set<VersionEvent.Type> CONVERSATION = java.util.EnumSet.of(VersionEvent.Type.REJECTED,
      VersionEvent.Type.MESSAGE_POSTED, VersionEvent.Type.APPEALED, VersionEvent.Type.APPEAL_UPHELD,
      VersionEvent.Type.APPEAL_DENIED);

  // ---------------------------------------------------------------- versions: changes outside a review

  public VersionDetails upload(Actor actor, String pluginId, UploadVersion request) {
    return view(lifecycle.upload(actor, pluginId, request.version(), request.description(),
        request.featurePackages(), request.basicInfo() == null ? null : request.basicInfo().toBasicInfo()));
  }

  public VersionDetails edit(Actor actor, String pluginId, String version, Long expectedRevision,
                             EditVersion request) {
    if (request.version() != null && !request.version().equals(version)) {
      throw ErrorCode.VALIDATION_FAILED.exception("The version number can never change; upload a new version.")
          .with("fields", Map.of("version", "cannot be changed"));
    }
    return view(lifecycle.edit(actor, pluginId, version, expectedRevision, request.description(),
        request.featurePackages(), request.basicInfo() == null ? null : request.basicInfo().toBasicInfo()));
  }

  public void delete(Actor actor, String pluginId, String version, Long expectedRevision) {
    lifecycle.delete(actor, pluginId, version, expectedRevision);
  }

  public VersionDetails setTrial(Actor actor, String pluginId, String version, Long expectedRevision) {
    return view(lifecycle.setTrial(actor, pluginId, version, expectedRevision));
  }

  public void cancelTrial(Actor actor, String pluginId, Long expectedRevision) {
    lifecycle.cancelTrial(actor, pluginId, expectedRevision);
  }

  // ---------------------------------------------------------------- after go-live: immediate owner actions

  public VersionDetails rollback(Actor actor, String pluginId, String version, Long expectedRevision) {
    lifecycle.rollback(actor, pluginId, version, expectedRevision);
    return version(actor, pluginId, version);
  }

  public PluginDetails takeOffline(Actor actor, String pluginId) {
    lifecycle.takeOffline(actor, pluginId);
    return plugin(actor, pluginId);
  }

  public PluginDetails bringOnline(Actor actor, String pluginId) {
    lifecycle.bringOnline(actor, pluginId);
    return plugin(actor, pluginId);
  }

  // ---------------------------------------------------------------- helpers

  /** The siblings are read only if one of the version's possible actions depends on them. */
  private Situation situation(Actor actor, String pluginId, String version) {
    Plugin plugin = VersionLifecycle.visible(actor, store.plugin(pluginId), pluginId);
    PluginVersion v = store.version(pluginId, version).orElseThrow(() -> VersionLifecycle.notFound(pluginId, version));
    return new Situation(plugin, v, VersionLifecycle.once(() -> relevant(pluginId, version)),
        VersionLifecycle.once(() -> store.earlierLive(pluginId, VersionRules.ROLLBACK_DEPTH)), actor, claimedBy(v));
  }

  private List<PluginVersion> relevant(String pluginId, String version) {
    return versions.findRelevant(pluginId, PluginVersionRepository.RELEVANT, version);
  }

  private String claimedBy(PluginVersion v) {
    return v.getStatus() == VersionStatus.AUDITING ? claims.reviewClaimedBy(v.getProcessInstanceId()) : null;
  }

  private List<PluginVersion> versionsOf(String pluginId) {
    return versions.findByPluginIdOrderByMajorDescMinorDescPatchDesc(pluginId);
  }

  private PluginDetails details(Plugin p, List<PluginVersion> all, Actor actor) {
    List<VersionDetails> views = all.stream().map(v -> view(new Situation(p, v, all, actor, claimedBy(v)))).toList();
    return new PluginDetails(p.getPluginId(), p.getName(), p.getDescription(), p.getOwner(), p.getCreatedAt(),
        liveVersion(all), trialVersion(all), p.offlineVersion().orElse(null), VersionRules.allowed(p, all, actor), views);
  }

  static VersionDetails view(Situation s) {
    PluginVersion v = s.version();
    Rejection rejection = v.getRejectCategory() == null ? null
        : new Rejection(v.getRejectCategory(), v.getRejectComment(), PluginViews.Cited.of(v.getRejectFindings()));
    return new VersionDetails(v.getPluginId(), v.getVersion(), v.getStatus(), v.isTrial(), v.getGrayPercentage(),
        v.getDescription(), v.getFeaturePackages(), v.getBasicInfo(), rejection, v.getFindings(), v.getSubmitter(),
        v.getReviewer(), v.getProcessInstanceId(), v.getCreatedAt(), v.getUpdatedAt(), v.getSubmittedAt(),
        v.getReviewedAt(), v.getReleasedAt(), v.getExpeditedAt(), v.getAppealState(), VersionRules.allowed(s),
        v.getRevision(), null);
  }

  private static String liveVersion(List<PluginVersion> all) {
    return all.stream().filter(v -> v.getStatus() == VersionStatus.RELEASED).map(PluginVersion::getVersion)
        .findFirst().orElse(null);
  }

  private static String trialVersion(List<PluginVersion> all) {
    return all.stream().filter(PluginVersion::isTrial).map(PluginVersion::getVersion).findFirst().orElse(null);
  }
}
