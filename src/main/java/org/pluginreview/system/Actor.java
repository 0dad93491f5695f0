package org.pluginreview.system;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is acting. Read from the engine's current authentication, which the API filter, engine-rest and
 * the Camunda webapps all set, so a change made from any surface names the same person.
 */
public record Actor(String userId, Set<String> groups) {

  public static final String DEVELOPERS = "developers";
  public static final String REVIEWERS = "reviewers";
  public static final String REVIEW_LEADS = "review-leads";
  public static final String ADMINS = "camunda-admin";
  /** Merchants read the market and manage their own subscriptions; nothing else is theirs. */
  public static final String MERCHANTS = "merchants";
  /** The actor of engine steps no person triggered, such as the overdue timer. */
  public static final Actor SYSTEM = new Actor("system", Set.of());

  public static Actor current(IdentityService identityService) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return null;
    }
    List<String> groups = authentication.getGroupIds();
    return new Actor(authentication.getUserId(), groups == null ? Set.of() : Set.copyOf(groups));
  }

  public static Actor required(IdentityService identityService) {
    Actor actor = current(identityService);
    if (actor == null) {
      throw ErrorCode.UNAUTHENTICATED.exception("No authenticated user.");
    }
    return actor;
  }

  public boolean isReviewer() {
    return groups.contains(REVIEWERS) || groups.contains(REVIEW_LEADS);
  }

  public boolean isLead() {
    return groups.contains(REVIEW_LEADS);
  }

  public boolean isDeveloper() {
    return groups.contains(DEVELOPERS);
  }

  public boolean isMerchant() {
    return groups.contains(MERCHANTS);
  }

  public boolean isAdmin() {
    return groups.contains(ADMINS);
  }

  /** Reviewers, leads and admins read every plugin; developers only their own. */
  public boolean readsEverything() {
    return isReviewer() || isAdmin();
  }
}
