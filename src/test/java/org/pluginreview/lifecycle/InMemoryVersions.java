package org.pluginreview.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lifecycle's store in memory: the rules under test without a database, Spring or the engine. */
final class InMemoryVersions implements VersionStore {

  final Map<String, Plugin> plugins = new HashMap<>();
  final List<PluginVersion> versions = new ArrayList<>();
  final List<VersionEvent> events = new ArrayList<>();

  @Override
  public Optional<Plugin> lockPlugin(String pluginId) {
    return Optional.ofNullable(plugins.get(pluginId));
  }

  @Override
  public Optional<Plugin> plugin(String pluginId) {
    return lockPlugin(pluginId);
  }

  @Override
  public Optional<PluginVersion> version(String pluginId, String version) {
    return versions.stream().filter(v -> v.getPluginId().equals(pluginId) && v.getVersion().equals(version))
        .findFirst();
  }

  @Override
  public List<PluginVersion> relevant(String pluginId, String version) {
    return new ArrayList<>(versions.stream().filter(v -> v.getPluginId().equals(pluginId)
        && (PluginVersionRepository.RELEVANT.contains(v.getStatus()) || v.isTrial()
        || v.getVersion().equals(version) || v.getAppealState() == AppealState.PENDING)).toList());
  }

  @Override
  public long countActions(String actor, VersionEvent.Type action, Instant since) {
    return events.stream().filter(e -> e.getActor().equals(actor) && e.getAction() == action
        && !e.getOccurredAt().isBefore(since)).count();
  }

  @Override
  public List<PluginVersion> earlierLive(String pluginId, int limit) {
    return versions.stream().filter(v -> v.getPluginId().equals(pluginId) && v.getStatus() == VersionStatus.OFFLINE)
        .sorted(java.util.Comparator.comparing(PluginVersion::getReleasedAt).reversed()).limit(limit).toList();
  }

  @Override
  public boolean exists(String pluginId, String version) {
    return versions.stream().anyMatch(v -> v.getPluginId().equals(pluginId) && v.getVersion().equals(version));
  }

  @Override
  public void add(PluginVersion version) {
    versions.add(version);
  }

  @Override
  public void remove(PluginVersion version) {
    versions.remove(version);
  }

  @Override
  public void append(VersionEvent event) {
    events.add(event);
  }

  @Override
  public Optional<Instant> enteredReview(String pluginId, String version) {
    return events.stream().filter(e -> e.getPluginId().equals(pluginId) && e.getVersion().equals(version)
        && e.getAction() == VersionEvent.Type.PRE_REVIEW_PASSED).map(VersionEvent::getOccurredAt)
        .reduce((a, b) -> b);
  }
}
