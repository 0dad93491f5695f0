package org.pluginreview.plugin;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.plugin.PluginRequests.CreatePlugin;
import org.pluginreview.plugin.PluginRequests.EditVersion;
import org.pluginreview.plugin.PluginRequests.Trial;
import org.pluginreview.plugin.PluginRequests.UploadVersion;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.plugin.PluginViews.DeletedVersion;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The REST contract of PRODUCT.md. Plugins, uploads, edits and reads; the review actions are in the review package. */
@RestController
@RequestMapping(path = "/api/plugins", produces = MediaType.APPLICATION_JSON_VALUE)
class PluginController {

  private static final String VERSION = "/{pluginId}/versions/{version}";

  private final PluginCatalog catalog;
  private final QueuePlaces queue;
  private final IdentityService identityService;

  PluginController(PluginCatalog catalog, QueuePlaces queue, IdentityService identityService) {
    this.catalog = catalog;
    this.queue = queue;
    this.identityService = identityService;
  }

  private Actor actor() {
    return Actor.required(identityService);
  }

  @Refusals({VALIDATION_FAILED, FORBIDDEN, PLUGIN_EXISTS})
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PluginDetails> create(@Valid @RequestBody CreatePlugin request) {
    PluginDetails created = catalog.createPlugin(actor(), request);
    return ResponseEntity.created(URI.create("/api/plugins/" + created.pluginId())).body(created);
  }

  @GetMapping
  @Refusals({VALIDATION_FAILED})
  List<PluginSummary> list(@RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return catalog.listPlugins(actor(), Paging.of(page, size));
  }

  @Refusals({NOT_FOUND})
  @GetMapping("/{pluginId}")
  PluginDetails show(@PathVariable String pluginId) {
    return catalog.plugin(actor(), pluginId);
  }

  @Refusals({VALIDATION_FAILED, INVALID_VERSION, NOT_FOUND, FORBIDDEN, VERSION_EXISTS, VERSION_NOT_GREATER})
  @PostMapping(path = "/{pluginId}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VersionDetails> upload(@PathVariable String pluginId, @Valid @RequestBody UploadVersion request) {
    VersionDetails created = catalog.upload(actor(), pluginId, request);
    return ResponseEntity.created(URI.create("/api/plugins/" + pluginId + "/versions/" + created.version()))
        .body(created);
  }

  @Refusals({NOT_FOUND, VALIDATION_FAILED})
  @GetMapping("/{pluginId}/versions")
  List<VersionDetails> versions(@PathVariable String pluginId, @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return catalog.versions(actor(), pluginId, Paging.of(page, size));
  }

  @Refusals({NOT_FOUND, VALIDATION_FAILED})
  @GetMapping("/{pluginId}/deleted-versions")
  List<DeletedVersion> deletedVersions(@PathVariable String pluginId, @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
    return catalog.deletedVersions(actor(), pluginId, Paging.of(page, size));
  }

  @Refusals({NOT_FOUND})
  @GetMapping(VERSION)
  VersionDetails version(@PathVariable String pluginId, @PathVariable String version) {
    VersionDetails v = catalog.version(actor(), pluginId, version);
    return v.status() == VersionStatus.AUDITING
        ? queue.place(v.pluginId(), v.version()).map(v::withQueue).orElse(v) : v;
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PatchMapping(path = VERSION, consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails edit(@PathVariable String pluginId, @PathVariable String version,
                      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                      @Valid @RequestBody EditVersion request) {
    return catalog.edit(actor(), pluginId, version, IfMatch.revision(ifMatch), request);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @DeleteMapping(VERSION)
  ResponseEntity<Void> delete(@PathVariable String pluginId, @PathVariable String version,
                              @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    catalog.delete(actor(), pluginId, version, IfMatch.revision(ifMatch));
    return ResponseEntity.noContent().build();
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PutMapping(path = "/{pluginId}/trial", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails setTrial(@PathVariable String pluginId,
                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                          @Valid @RequestBody Trial request) {
    return catalog.setTrial(actor(), pluginId, request.version(), IfMatch.revision(ifMatch));
  }

  @Refusals({NOT_FOUND, FORBIDDEN})
  @DeleteMapping("/{pluginId}/trial")
  ResponseEntity<Void> cancelTrial(@PathVariable String pluginId,
                                   @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    catalog.cancelTrial(actor(), pluginId, IfMatch.revision(ifMatch));
    return ResponseEntity.noContent().build();
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, ROLLBACK_DURING_GRAY})
  @PostMapping(VERSION + "/rollback")
  VersionDetails rollback(@PathVariable String pluginId, @PathVariable String version,
                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return catalog.rollback(actor(), pluginId, version, IfMatch.revision(ifMatch));
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PostMapping("/{pluginId}/offline")
  PluginDetails takeOffline(@PathVariable String pluginId) {
    return catalog.takeOffline(actor(), pluginId);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PostMapping("/{pluginId}/online")
  PluginDetails bringOnline(@PathVariable String pluginId) {
    return catalog.bringOnline(actor(), pluginId);
  }

  @Refusals({NOT_FOUND})
  @GetMapping(VERSION + "/history")
  List<Event> history(@PathVariable String pluginId, @PathVariable String version) {
    return catalog.history(actor(), pluginId, version);
  }
}
