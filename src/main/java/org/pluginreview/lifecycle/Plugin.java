package org.pluginreview.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "plugin")
public class Plugin {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @NaturalId
  @Column(name = "plugin_id", nullable = false, updatable = false)
  private String pluginId;

  /** The id in lower case, unique: ids differ by more than case. */
  @Column(name = "plugin_key", nullable = false, updatable = false)
  private String pluginKey;

  private String name;
  private String description;

  @Column(nullable = false, updatable = false)
  private String owner;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  /** Kept here so the rule "greater than any version ever live" reads one row, not the plugin's past. */
  @Column(name = "highest_live_version")
  private String highestLiveVersion;

  /** The version its owner took offline, to bring back; null while the plugin is online. */
  @Column(name = "offline_version")
  private String offlineVersion;

  protected Plugin() {}

  public Plugin(String pluginId, String name, String description, String owner, Instant createdAt) {
    this.pluginId = pluginId;
    this.pluginKey = key(pluginId);
    this.name = name;
    this.description = description;
    this.owner = owner;
    this.createdAt = createdAt;
  }

  /** What makes two plugin ids the same: they differ in case only. */
  public static String key(String pluginId) {
    return pluginId.toLowerCase(java.util.Locale.ROOT);
  }

  public String getPluginId() {
    return pluginId;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public String getOwner() {
    return owner;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  Optional<VersionNumber> highestLiveVersion() {
    return Optional.ofNullable(highestLiveVersion).map(VersionNumber::parse);
  }

  public Optional<String> offlineVersion() {
    return Optional.ofNullable(offlineVersion);
  }

  void takenOffline(String version) {
    offlineVersion = version;
  }

  /** A version live again, by bringing it back, a rollback or a release, ends the plugin's time offline. */
  void backOnline() {
    offlineVersion = null;
  }

  void wentLive(VersionNumber version) {
    if (highestLiveVersion().map(v -> version.compareTo(v) > 0).orElse(true)) {
      highestLiveVersion = version.toString();
    }
  }
}
