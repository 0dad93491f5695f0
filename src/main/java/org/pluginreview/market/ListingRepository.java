package org.pluginreview.market;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ListingRepository extends JpaRepository<Listing, String> {

  /** Listed plugins whose public title or summary holds the text, in a category if one is given. */
  @Query("select l from Listing l where l.listed = true"
      + " and (:category is null or l.published.category = :category)"
      + " and (:text is null or lower(l.published.title) like :text or lower(l.published.summary) like :text)"
      + " order by l.pluginId")
  List<Listing> search(String text, String category, Pageable page);
}
