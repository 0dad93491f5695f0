package org.pluginreview.plugin;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.plugin.PluginRequests.CreatePlugin;
import org.pluginreview.plugin.PluginRequests.EditVersion;
import org.pluginreview.plugin.PluginRequests.Gray;
import org.pluginreview.plugin.PluginRequests.Review;
import org.pluginreview.plugin.PluginRequests.SelfCheck;
import org.pluginreview.plugin.PluginRequests.Trial;
import org.pluginreview.plugin.PluginRequests.UploadVersion;
import org.pluginreview.plugin.PluginViews.Event;
import org.pluginreview.plugin.PluginViews.PluginDetails;
import org.pluginreview.plugin.PluginViews.PluginSummary;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.system.Actor;
import org.pluginreview.system.Refusals;
import static org.pluginreview.system.ErrorCode.*;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The REST contract of PRODUCT.md. Every change goes through {@link PluginService}. */
@RestController
@RequestMapping(path = "/api/plugins", produces = MediaType.APPLICATION_JSON_VALUE)
class PluginController {

  private static final String VERSION = "/{pluginId}/versions/{version}";

  private final PluginService service;
  private final IdentityService identityService;

  PluginController(PluginService service, IdentityService identityService) {
    this.service = service;
    this.identityService = identityService;
  }

  private Actor actor() {
    return Actor.required(identityService);
  }

  @Refusals({VALIDATION_FAILED, FORBIDDEN, PLUGIN_EXISTS})
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PluginDetails> create(@Valid @RequestBody CreatePlugin request) {
    PluginDetails created = service.createPlugin(actor(), request);
    return ResponseEntity.created(URI.create("/api/plugins/" + created.pluginId())).body(created);
  }

  @GetMapping
  @Refusals({VALIDATION_FAILED})
  List<PluginSummary> list(@RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return service.listPlugins(actor(), Paging.of(page, size));
  }

  @Refusals({NOT_FOUND})
  @GetMapping("/{pluginId}")
  PluginDetails show(@PathVariable String pluginId) {
    return service.plugin(actor(), pluginId);
  }

  @Refusals({VALIDATION_FAILED, INVALID_VERSION, NOT_FOUND, FORBIDDEN, VERSION_EXISTS, VERSION_NOT_GREATER})
  @PostMapping(path = "/{pluginId}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VersionDetails> upload(@PathVariable String pluginId, @Valid @RequestBody UploadVersion request) {
    VersionDetails created = service.upload(actor(), pluginId, request);
    return ResponseEntity.created(URI.create("/api/plugins/" + pluginId + "/versions/" + created.version()))
        .body(created);
  }

  @Refusals({NOT_FOUND, VALIDATION_FAILED})
  @GetMapping("/{pluginId}/versions")
  List<VersionDetails> versions(@PathVariable String pluginId, @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return service.versions(actor(), pluginId, Paging.of(page, size));
  }

  @Refusals({NOT_FOUND})
  @GetMapping(VERSION)
  VersionDetails version(@PathVariable String pluginId, @PathVariable String version) {
    return service.version(actor(), pluginId, version);
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PatchMapping(path = VERSION, consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails edit(@PathVariable String pluginId, @PathVariable String version,
                      @Valid @RequestBody EditVersion request) {
    return service.edit(actor(), pluginId, version, request);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @DeleteMapping(VERSION)
  ResponseEntity<Void> delete(@PathVariable String pluginId, @PathVariable String version) {
    service.delete(actor(), pluginId, version);
    return ResponseEntity.noContent().build();
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PutMapping(path = "/{pluginId}/trial", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails setTrial(@PathVariable String pluginId, @Valid @RequestBody Trial request) {
    return service.setTrial(actor(), pluginId, request.version());
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @DeleteMapping("/{pluginId}/trial")
  ResponseEntity<Void> cancelTrial(@PathVariable String pluginId) {
    service.cancelTrial(actor(), pluginId);
    return ResponseEntity.noContent().build();
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, VERSION_IN_FLIGHT, VERSION_NOT_GREATER, FEATURE_PACKAGES_REQUIRED, CONFLICT})
  @PostMapping(VERSION + "/submit")
  VersionDetails submit(@PathVariable String pluginId, @PathVariable String version) {
    return service.submit(actor(), pluginId, version);
  }

  @Refusals({VALIDATION_FAILED, SELF_CHECK_INCOMPLETE, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/self-check", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails selfCheck(@PathVariable String pluginId, @PathVariable String version,
                           @Valid @RequestBody SelfCheck request) {
    return service.selfCheck(actor(), pluginId, version, request.items());
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(VERSION + "/withdraw")
  VersionDetails withdraw(@PathVariable String pluginId, @PathVariable String version) {
    return service.withdraw(actor(), pluginId, version);
  }

  @Refusals({VALIDATION_FAILED, REJECT_REASON_REQUIRED, SELF_REVIEW_FORBIDDEN, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/review", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails review(@PathVariable String pluginId, @PathVariable String version,
                        @Valid @RequestBody Review request) {
    return service.review(actor(), pluginId, version, request.decision(), request.reasonCategory(), request.comment());
  }

  @Refusals({GRAY_PERCENTAGE_INVALID, GRAY_NEEDS_LIVE_VERSION, VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/gray", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails gray(@PathVariable String pluginId, @PathVariable String version, @RequestBody Gray request) {
    return service.gray(actor(), pluginId, version, request.percentage());
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @DeleteMapping(VERSION + "/gray")
  VersionDetails cancelGray(@PathVariable String pluginId, @PathVariable String version) {
    return service.cancelGray(actor(), pluginId, version);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(VERSION + "/release")
  VersionDetails release(@PathVariable String pluginId, @PathVariable String version) {
    return service.release(actor(), pluginId, version);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(VERSION + "/return-to-development")
  VersionDetails returnToDevelopment(@PathVariable String pluginId, @PathVariable String version) {
    return service.returnToDevelopment(actor(), pluginId, version);
  }

  @Refusals({NOT_FOUND})
  @GetMapping(VERSION + "/history")
  List<Event> history(@PathVariable String pluginId, @PathVariable String version) {
    return service.history(actor(), pluginId, version);
  }
}
