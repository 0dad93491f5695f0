package org.pluginreview.review;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /reviews} opens the review queue in Tasklist. Tasklist sorts by its URL's {@code sorting}
 * (newest first when absent), not by the filter's own order, so the link carries the queue's order.
 */
@RestController
class ReviewQueueLink {

  static final String SORTING =
      "[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]";

  private final FilterService filters;

  ReviewQueueLink(FilterService filters) {
    this.filters = filters;
  }

  @GetMapping("/reviews")
  ResponseEntity<Void> openQueue() {
    Filter queue = filters.createFilterQuery().filterName(ReviewProcess.FILTER_REVIEWS).singleResult();
    String target = "/camunda/app/tasklist/default/#/?filter=" + (queue == null ? "" : queue.getId())
        + "&sorting=" + URLEncoder.encode(SORTING, StandardCharsets.UTF_8);
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target)).build();
  }
}
