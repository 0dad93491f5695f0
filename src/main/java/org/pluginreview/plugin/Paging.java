package org.pluginreview.plugin;

import java.util.List;
import java.util.Map;
import org.pluginreview.system.ErrorCode;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

/** {@code ?page=&size=} of the list endpoints: pages from 0, at most {@value #MAX_SIZE} items each. */
public record Paging(int page, int size) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;
  private static final int MAX_PAGE = 1_000_000;

  public static Paging of(int page, int size) {
    if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
      throw ErrorCode.VALIDATION_FAILED.exception(
              "page must be 0 to " + MAX_PAGE + " and size 1 to " + MAX_SIZE + ".")
          .with("fields", Map.of("page", "0.." + MAX_PAGE, "size", "1.." + MAX_SIZE));
    }
    return new Paging(page, size);
  }

  public Pageable pageable() {
    return PageRequest.of(page, size);
  }

  <T> List<T> slice(List<T> all) {
    int from = (int) Math.min((long) page * size, all.size());
    return all.subList(from, Math.min(from + size, all.size()));
  }
}
