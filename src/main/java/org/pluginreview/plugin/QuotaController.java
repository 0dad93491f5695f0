package org.pluginreview.plugin;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.lifecycle.Quotas;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.system.Actor;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's quotas, visible before they run out: limit, used, and when each resets. */
@RestController
class QuotaController {

  private final VersionLifecycle lifecycle;
  private final IdentityService identityService;

  QuotaController(VersionLifecycle lifecycle, IdentityService identityService) {
    this.lifecycle = lifecycle;
    this.identityService = identityService;
  }

  @GetMapping(path = "/api/quotas", produces = MediaType.APPLICATION_JSON_VALUE)
  @Transactional(readOnly = true)
  List<Quotas.Usage> quotas() {
    return lifecycle.quotas(Actor.required(identityService));
  }
}
