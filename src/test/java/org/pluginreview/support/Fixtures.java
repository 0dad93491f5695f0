package org.pluginreview.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.plugin.PluginRequests.BasicInfoInput;
import org.pluginreview.plugin.PluginRequests.CreatePlugin;
import org.pluginreview.plugin.PluginRequests.UploadVersion;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.system.Actor;

/** Plugins and versions made through the service, owned by dev1 unless said otherwise. */
public final class Fixtures {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  public static final List<String> ALL_ITEMS =
      List.of("FEATURE_PACKAGES", "VERSION_INFO", "BASIC_INFO", "REVIEW_STANDARD", "TESTED");

  private Fixtures() {}

  public static BasicInfoInput completeInfo() {
    return new BasicInfoInput("Weather", "Forecasts in chat", "Seven-day forecasts for any city.", "tools",
        "support@weather.example", true, "https://weather.example/privacy");
  }

  /** Creates a test user with the actor's groups, unless it exists; its password is its id. */
  public static void ensureUser(IdentityService identity, Actor actor) {
    if (identity.createUserQuery().userId(actor.userId()).count() > 0) {
      return;
    }
    org.camunda.bpm.engine.identity.User user = identity.newUser(actor.userId());
    user.setPassword(actor.userId());
    identity.saveUser(user);
    actor.groups().forEach(group -> identity.createMembership(actor.userId(), group));
  }

  public static String newPlugin(PluginCatalog catalog, IdentityService identity, Actor owner) {
    String pluginId = "plugin-" + SEQUENCE.incrementAndGet();
    Users.as(identity, owner, () -> catalog.createPlugin(owner, new CreatePlugin(pluginId, "Plugin " + pluginId, null)));
    return pluginId;
  }

  public static VersionDetails upload(PluginCatalog catalog, IdentityService identity, Actor owner, String pluginId,
                                      String version) {
    return Users.as(identity, owner, () -> catalog.upload(owner, pluginId,
        new UploadVersion(version, "release notes", List.of("weather-core"), completeInfo())));
  }
}
