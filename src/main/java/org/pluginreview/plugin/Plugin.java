package org.pluginreview.plugin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "plugin")
public class Plugin {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "plugin_id", nullable = false, updatable = false)
  private String pluginId;

  private String name;
  private String description;

  @Column(nullable = false, updatable = false)
  private String owner;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected Plugin() {}

  Plugin(String pluginId, String name, String description, String owner, Instant createdAt) {
    this.pluginId = pluginId;
    this.name = name;
    this.description = description;
    this.owner = owner;
    this.createdAt = createdAt;
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
}
