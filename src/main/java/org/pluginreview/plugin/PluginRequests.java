package org.pluginreview.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.pluginreview.lifecycle.BasicInfo;

/** Request bodies of {@code /api}; limits are part of the contract (see README, "Limits"). */
public final class PluginRequests {

  private PluginRequests() {}

  public record CreatePlugin(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{1,63}",
          message = "2 to 64 letters, digits, '_' or '-', starting with a letter or digit") String pluginId,
      @NotBlank @Size(max = 100) String name,
      @Size(max = 2000) String description) {}

  public record BasicInfoInput(
      @Size(max = 100) String name,
      @Size(max = 200) String summary,
      @Size(max = 2000) String description,
      @Size(max = 100) String category,
      @Email @Size(max = 254) String contactEmail,
      Boolean usesPersonalData,
      @Size(max = 500) String privacyPolicyUrl) {

    public BasicInfo toBasicInfo() {
      return new BasicInfo(name, summary, description, category, contactEmail,
          Boolean.TRUE.equals(usesPersonalData), privacyPolicyUrl);
    }
  }

  public record UploadVersion(
      @NotNull @Size(max = 64) String version,
      @Size(max = 2000) String description,
      @Size(max = 50) List<@NotBlank @Size(max = 100) String> featurePackages,
      @Valid BasicInfoInput basicInfo) {}

  /** Fields left out stay as they are; the version number can never change. */
  public record EditVersion(
      String version,
      @Size(max = 2000) String description,
      @Size(max = 50) List<@NotBlank @Size(max = 100) String> featurePackages,
      @Valid BasicInfoInput basicInfo) {}

  public record Trial(@NotBlank @Size(max = 64) String version) {}

  public record SelfCheck(@NotNull @Size(max = 20) List<@NotNull String> items) {}

  /** {@code findings}: ids of review standard items a rejection cites, such as "2.1". */
  public record Review(
      @NotBlank String decision,
      @Size(max = 40) String reasonCategory,
      @Size(max = 2000) String comment,
      @Size(max = 10) List<@NotBlank @Size(max = 10) String> findings) {}

  /** Why the owner expedites or appeals; the lifecycle checks it is there and not too long. */
  public record Reason(String reason) {}

  /** A message in a version's conversation. */
  public record MessageText(String text) {}

  /** Any JSON value, so that a non-integer answers GRAY_PERCENTAGE_INVALID rather than a parse error. */
  public record Gray(JsonNode percentage) {}
}
