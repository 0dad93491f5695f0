package org.pluginreview.review;

import static org.pluginreview.system.ErrorCode.*;

import jakarta.validation.Valid;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.plugin.IfMatch;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginRequests;
import org.pluginreview.plugin.PluginViews;
import org.pluginreview.plugin.PluginRequests.Gray;
import org.pluginreview.plugin.PluginRequests.Review;
import org.pluginreview.plugin.PluginRequests.SelfCheck;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.system.Actor;
import org.pluginreview.system.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The review actions of the REST contract: each is a command to the version's review process. */
@RestController
@RequestMapping(path = "/api/plugins", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewController {

  private static final String VERSION = "/{pluginId}/versions/{version}";

  private final ReviewCommands commands;
  private final ReviewEtaService eta;
  private final IdentityService identityService;
  private final PluginCatalog catalog;

  ReviewController(ReviewCommands commands, ReviewEtaService eta, IdentityService identityService, PluginCatalog catalog) {
    this.catalog = catalog;
    this.commands = commands;
    this.eta = eta;
    this.identityService = identityService;
  }

  @Refusals({NOT_FOUND, ILLEGAL_STATE, CONFLICT})
  @GetMapping(VERSION + "/eta")
  ReviewEta.Estimate eta(@PathVariable String pluginId, @PathVariable String version) {
    return eta.estimate(actor(), pluginId, version);
  }

  private Actor actor() {
    return Actor.required(identityService);
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, VERSION_IN_FLIGHT, VERSION_NOT_GREATER, FEATURE_PACKAGES_REQUIRED,
      CONFLICT})
  @PostMapping(VERSION + "/submit")
  VersionDetails submit(@PathVariable String pluginId, @PathVariable String version,
                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return commands.submit(actor(), pluginId, version, IfMatch.revision(ifMatch));
  }

  @Refusals({VALIDATION_FAILED, SELF_CHECK_INCOMPLETE, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/self-check", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails selfCheck(@PathVariable String pluginId, @PathVariable String version,
                           @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                           @Valid @RequestBody SelfCheck request) {
    return commands.selfCheck(actor(), pluginId, version, request.items(), IfMatch.revision(ifMatch));
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(VERSION + "/withdraw")
  VersionDetails withdraw(@PathVariable String pluginId, @PathVariable String version,
                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return commands.withdraw(actor(), pluginId, version, IfMatch.revision(ifMatch));
  }

  @Refusals({VALIDATION_FAILED, REJECT_REASON_REQUIRED, SELF_REVIEW_FORBIDDEN, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE,
      CONFLICT})
  @PostMapping(path = VERSION + "/review", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails review(@PathVariable String pluginId, @PathVariable String version,
                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                        @Valid @RequestBody Review request) {
    return commands.review(actor(), pluginId, version, request.decision(), request.reasonCategory(), request.comment(),
        request.findings() == null ? List.of() : request.findings(), IfMatch.revision(ifMatch));
  }

  /** The owner asks for a faster review: once a review, within the monthly quota ({@code GET /api/quotas}). */
  @Refusals({VALIDATION_FAILED, QUOTA_EXCEEDED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/expedite", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails expedite(@PathVariable String pluginId, @PathVariable String version,
                          @RequestBody PluginRequests.Reason request) {
    return commands.expedite(actor(), pluginId, version, request.reason());
  }

  /** The owner asks a review lead to reverse the rejection: once a version. */
  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/appeal", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VersionDetails> appeal(@PathVariable String pluginId, @PathVariable String version,
                                        @RequestBody PluginRequests.Reason request) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(commands.appeal(actor(), pluginId, version, request.reason()));
  }

  /** The version's conversation since its first rejection, oldest first. */
  @Refusals({NOT_FOUND})
  @GetMapping(VERSION + "/messages")
  List<PluginViews.Message> messages(@PathVariable String pluginId, @PathVariable String version) {
    return catalog.conversation(actor(), pluginId, version);
  }

  @Refusals({VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, ILLEGAL_STATE})
  @PostMapping(path = VERSION + "/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<List<PluginViews.Message>> postMessage(@PathVariable String pluginId, @PathVariable String version,
                                                        @RequestBody PluginRequests.MessageText request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(commands.postMessage(actor(), pluginId, version, request.text()));
  }

  @Refusals({GRAY_PERCENTAGE_INVALID, GRAY_NEEDS_LIVE_VERSION, VALIDATION_FAILED, NOT_FOUND, FORBIDDEN,
      ILLEGAL_STATE, CONFLICT})
  @PostMapping(path = VERSION + "/gray", consumes = MediaType.APPLICATION_JSON_VALUE)
  VersionDetails gray(@PathVariable String pluginId, @PathVariable String version,
                      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                      @RequestBody Gray request) {
    return commands.gray(actor(), pluginId, version, request.percentage(), IfMatch.revision(ifMatch));
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @DeleteMapping(VERSION + "/gray")
  VersionDetails cancelGray(@PathVariable String pluginId, @PathVariable String version,
                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return commands.cancelGray(actor(), pluginId, version, IfMatch.revision(ifMatch));
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(VERSION + "/release")
  VersionDetails release(@PathVariable String pluginId, @PathVariable String version,
                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return commands.release(actor(), pluginId, version, IfMatch.revision(ifMatch));
  }

  @Refusals({NOT_FOUND, FORBIDDEN, ILLEGAL_STATE, CONFLICT})
  @PostMapping(VERSION + "/return-to-development")
  VersionDetails returnToDevelopment(@PathVariable String pluginId, @PathVariable String version,
                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return commands.returnToDevelopment(actor(), pluginId, version, IfMatch.revision(ifMatch));
  }
}
