package org.pluginreview.notify;

import static org.pluginreview.system.ErrorCode.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.pluginreview.system.Refusals;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Which mails the caller gets: every kind is on until they turn it off. */
@RestController
class MailSettingsController {

  private static final String PATH = "/api/mail-settings";

  private final MailOptOutRepository optOuts;
  private final IdentityService identityService;

  MailSettingsController(MailOptOutRepository optOuts, IdentityService identityService) {
    this.optOuts = optOuts;
    this.identityService = identityService;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @Transactional(readOnly = true)
  Map<MailKind, Boolean> settings() {
    return settings(Actor.required(identityService).userId());
  }

  /** Only the kinds named change, e.g. {@code {"APPROVED": false}}. */
  @Refusals({VALIDATION_FAILED})
  @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Transactional
  Map<MailKind, Boolean> change(@RequestBody Map<String, Boolean> changes) {
    String user = Actor.required(identityService).userId();
    Set<String> kinds = Arrays.stream(MailKind.values()).map(Enum::name).collect(Collectors.toSet());
    changes.forEach((kind, on) -> {
      if (!kinds.contains(kind) || on == null) {
        throw ErrorCode.VALIDATION_FAILED.exception("Unknown mail kind " + kind + ", or no true/false for it.")
            .with("fields", Map.of(kind, "one of " + Arrays.toString(MailKind.values()) + ", true or false"));
      }
    });
    changes.forEach((kind, on) -> {
      MailOptOut.Key key = new MailOptOut.Key(user, MailKind.valueOf(kind));
      if (on) {
        optOuts.deleteById(key);
      } else if (!optOuts.existsById(key)) {
        optOuts.save(new MailOptOut(user, MailKind.valueOf(kind)));
      }
    });
    return settings(user);
  }

  private Map<MailKind, Boolean> settings(String user) {
    Set<MailKind> off = optOuts.findByUserId(user).stream().map(MailOptOut::getKind).collect(Collectors.toSet());
    Map<MailKind, Boolean> settings = new LinkedHashMap<>();
    for (MailKind kind : MailKind.values()) {
      settings.put(kind, !off.contains(kind));
    }
    return settings;
  }
}
