package org.pluginreview.notify;

import java.util.Optional;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.PluginVersionRepository;
import org.pluginreview.lifecycle.VersionEvent;
import org.springframework.stereotype.Component;

/** Who gets an event's mail: the version's submitter, unless they turned that kind off. */
@Component
class MailRecipients {

  private final PluginVersionRepository versions;
  private final MailOptOutRepository optOuts;

  MailRecipients(PluginVersionRepository versions, MailOptOutRepository optOuts) {
    this.versions = versions;
    this.optOuts = optOuts;
  }

  Optional<String> of(VersionEvent event, MailKind kind) {
    return versions.findByPluginIdAndVersion(event.getPluginId(), event.getVersion())
        .map(PluginVersion::getSubmitter)
        .filter(submitter -> !optOuts.existsByUserIdAndKind(submitter, kind));
  }
}
