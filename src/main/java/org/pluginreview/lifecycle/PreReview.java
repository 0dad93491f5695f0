package org.pluginreview.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The automatic pre-review: what a human reviewer should never have to point out. */
public final class PreReview {

  private PreReview() {}

  /** What the pre-review would find in the version as it is now. */
  public static List<Finding> findings(PluginVersion v) {
    List<Finding> findings = new ArrayList<>();
    if (v.getFeaturePackages().isEmpty()) {
      findings.add(new Finding("FEATURE_PACKAGES_MISSING", "Add at least one feature package."));
    }
    BasicInfo info = v.getBasicInfo();
    require(findings, info.name(), "BASIC_INFO_NAME_MISSING", "The basic info needs a name.");
    require(findings, info.summary(), "BASIC_INFO_SUMMARY_MISSING", "The basic info needs a summary.");
    require(findings, info.description(), "BASIC_INFO_DESCRIPTION_MISSING", "The basic info needs a description.");
    require(findings, info.category(), "BASIC_INFO_CATEGORY_MISSING", "The basic info needs a category.");
    require(findings, info.contactEmail(), "BASIC_INFO_CONTACT_MISSING", "The basic info needs a contact email.");
    if (info.usesPersonalData()) {
      String url = info.privacyPolicyUrl();
      if (url == null || !url.regionMatches(true, 0, "https://", 0, 8) || url.length() <= 8) {
        findings.add(new Finding("PRIVACY_POLICY_URL_REQUIRED",
            "The plugin uses personal data, so it needs an https privacy-policy URL."));
      }
    }
    return findings;
  }

  /** Every code the pre-review can give: a version with nothing filled in that uses personal data gets them all. */
  public static List<String> codes() {
    PluginVersion empty = new PluginVersion("-", VersionNumber.parse("0.0.1"), Instant.EPOCH);
    empty.setBasicInfo(new BasicInfo(null, null, null, null, null, true, null));
    return findings(empty).stream().map(Finding::code).toList();
  }

  private static void require(List<Finding> findings, String value, String code, String detail) {
    if (value == null || value.isBlank()) {
      findings.add(new Finding(code, detail));
    }
  }
}
