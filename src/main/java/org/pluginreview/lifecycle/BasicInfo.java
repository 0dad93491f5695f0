package org.pluginreview.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The plugin's public listing data, as the pre-review checks it. */
@Embeddable
public record BasicInfo(
    @Column(name = "info_name") String name,
    @Column(name = "info_summary") String summary,
    @Column(name = "info_description") String description,
    @Column(name = "info_category") String category,
    @Column(name = "info_contact_email") String contactEmail,
    @Column(name = "info_uses_personal_data") boolean usesPersonalData,
    @Column(name = "info_privacy_policy_url") String privacyPolicyUrl) {

  public static final BasicInfo EMPTY = new BasicInfo(null, null, null, null, null, false, null);
}
