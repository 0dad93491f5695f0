package org.pluginreview.market;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the market's part of {@code /api}. */
public final class MarketRequests {

  private MarketRequests() {}

  public record ListingRequest(
      @NotBlank @Size(max = 100) String title,
      @NotBlank @Size(max = 200) String summary,
      @NotBlank @Size(max = 100) String category,
      @Size(max = 2000) String description,
      @NotBlank @Size(max = 254) String supportContact,
      @NotBlank @Size(max = 500) @Pattern(regexp = "(?i)https://\\S+", message = "must start with https://")
      String supportUrl) {

    ListingText text() {
      return new ListingText(title.strip(), summary.strip(), category.strip(),
          description == null || description.isBlank() ? null : description.strip(), supportContact.strip(),
          supportUrl.strip());
    }
  }

  public record ListingDecision(String decision, String reasonCategory, String comment) {}

  public record TrialMembersRequest(
      @NotNull @Size(max = 200) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String> members) {}
}
