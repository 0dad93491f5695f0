package org.pluginreview.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pluginreview.lifecycle.ReviewStandard;
import org.pluginreview.lifecycle.VersionEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The JSON a webhook receives for one history event. Built from the immutable event alone, so every
 * retry sends the same body.
 */
@Component
class EventPayload {

  private final ObjectMapper json;
  private final String publicUrl;

  EventPayload(ObjectMapper json, @Value("${plugin-review.public-url:http://localhost:8080}") String publicUrl) {
    this.json = json;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Records, not maps, so that every node writes the same body for the same event, field for field. */
  record Reason(String category, String comment) {}

  record Cited(String item, String title) {}

  Map<String, Object> of(VersionEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", String.valueOf(e.getId()));
    body.put("type", EventTypes.of(e.getAction()));
    body.put("plugin", e.getPluginId());
    body.put("version", e.getVersion());
    body.put("from", e.getFromStatus());
    body.put("to", e.getToStatus());
    body.put("actor", e.getActor());
    body.put("time", e.getOccurredAt().toString());
    e.reason().ifPresent(r -> body.put("reason", new Reason(r.category(), r.comment())));
    if (!e.findings().isEmpty()) {
      body.put("findings", ReviewStandard.get().cited(e.findings()).stream().map(i -> new Cited(i.id(), i.title()))
          .toList());
    }
    if (e.getAction() == VersionEvent.Type.MESSAGE_POSTED || e.getAction() == VersionEvent.Type.APPEALED
        || e.getAction() == VersionEvent.Type.APPEAL_UPHELD || e.getAction() == VersionEvent.Type.APPEAL_DENIED
        || e.getAction() == VersionEvent.Type.EXPEDITED) {
      body.put("text", e.getComment());
    }
    body.put("link", link(e));
    return body;
  }

  String json(VersionEvent e) {
    try {
      return json.writeValueAsString(of(e));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The version in the API. */
  String link(VersionEvent e) {
    return publicUrl + "/api/plugins/" + UriUtils.encodePathSegment(e.getPluginId(), "UTF-8")
        + "/versions/" + UriUtils.encodePathSegment(e.getVersion(), "UTF-8");
  }

  /** The plugin's page in the console, for people. */
  String consoleLink(VersionEvent e) {
    return publicUrl + "/#/plugins/" + UriUtils.encodePathSegment(e.getPluginId(), "UTF-8");
  }
}
