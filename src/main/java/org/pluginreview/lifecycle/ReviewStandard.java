package org.pluginreview.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review standard a rejection cites, item by item ({@code 2.1 Privacy policy required}), read from
 * processes/review-standard.json, which ships with the models.
 */
public final class ReviewStandard {

  public record Item(String id, String category, String title, String titleZh) {
    /** As people read it: "2.1 Privacy policy required (需提供隐私政策)". */
    public String label() {
      return id + " " + title + " (" + titleZh + ")";
    }
  }

  public static final String RESOURCE = "/processes/review-standard.json";
  private static final ReviewStandard DEFAULT = load();

  private final Map<String, Item> items;

  private ReviewStandard(List<Item> items) {
    Map<String, Item> byId = new LinkedHashMap<>();
    items.forEach(i -> byId.put(i.id(), i));
    this.items = byId;
  }

  public static ReviewStandard get() {
    return DEFAULT;
  }

  private static ReviewStandard load() {
    try (InputStream in = ReviewStandard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Item> items = new ArrayList<>();
      root.path("items").forEach(i -> items.add(new Item(i.path("id").asText(), i.path("category").asText(),
          i.path("title").asText(), i.path("titleZh").asText())));
      return new ReviewStandard(items);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Item> items() {
    return List.copyOf(items.values());
  }

  public Optional<Item> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  /** The items of these ids, in the same order; an unknown id (from an older standard) keeps its id alone. */
  public List<Item> cited(List<String> ids) {
    return ids.stream().map(id -> items.getOrDefault(id, new Item(id, "OTHER", id, id))).toList();
  }
}
