package org.pluginreview.support;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.pluginreview.system.Actor;

/** The demo people, and a way to act as one of them the way every surface does: through the engine's identity. */
public final class Users {

  public static final Actor DEV1 = new Actor("dev1", Set.of(Actor.DEVELOPERS));
  public static final Actor DEV2 = new Actor("dev2", Set.of(Actor.DEVELOPERS));
  public static final Actor REVIEWER1 = new Actor("reviewer1", Set.of(Actor.REVIEWERS));
  public static final Actor REVIEWER2 = new Actor("reviewer2", Set.of(Actor.REVIEWERS));
  public static final Actor LEAD1 = new Actor("lead1", Set.of(Actor.REVIEWERS, Actor.REVIEW_LEADS));
  /** Not a demo user: a developer who also reviews, for the four-eyes rule. Password "dual". */
  public static final Actor DUAL = new Actor("dual", Set.of(Actor.DEVELOPERS, Actor.REVIEWERS));

  private Users() {}

  public static <T> T as(IdentityService identityService, Actor actor, Supplier<T> work) {
    identityService.setAuthentication(actor.userId(), List.copyOf(actor.groups()));
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  public static void as(IdentityService identityService, Actor actor, Runnable work) {
    as(identityService, actor, () -> {
      work.run();
      return null;
    });
  }
}
