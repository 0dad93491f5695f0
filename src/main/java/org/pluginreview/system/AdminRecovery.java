package org.pluginreview.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gets an operator an admin back, whatever happened to the others (password forgotten, user deleted,
 * taken out of {@code camunda-admin}): start once with {@code PLUGIN_REVIEW_RECOVER_ADMIN_USER} and
 * {@code PLUGIN_REVIEW_RECOVER_ADMIN_PASSWORD} set. That user then exists, has that password, is unlocked
 * and belongs to {@code camunda-admin}, whose grants are renewed at every start. Only someone who can
 * start the service can do it.
 */
@Component
@Order(2)
class AdminRecovery implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminRecovery.class);

  private final IdentityService identityService;
  private final String userId;
  private final String password;

  AdminRecovery(IdentityService identityService,
                @Value("${plugin-review.recover-admin.user:}") String userId,
                @Value("${plugin-review.recover-admin.password:}") String password) {
    this.identityService = identityService;
    this.userId = userId;
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (userId.isBlank()) {
      return;
    }
    if (password.length() < 8) {
      throw new IllegalStateException("plugin-review.recover-admin.password must be given, at least 8 characters");
    }
    if (identityService.createGroupQuery().groupId(Actor.ADMINS).count() == 0) {
      Group admins = identityService.newGroup(Actor.ADMINS);
      admins.setName("Camunda administrators");
      admins.setType("SYSTEM");
      identityService.saveGroup(admins);
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      user = identityService.newUser(userId);
      user.setFirstName("Recovered");
      user.setLastName("Admin");
    }
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.unlockUser(userId);
    if (identityService.createUserQuery().userId(userId).memberOfGroup(Actor.ADMINS).count() == 0) {
      identityService.createMembership(userId, Actor.ADMINS);
    }
    log.warn("Admin recovery: {} has the given password and belongs to {}. Remove the recovery setting now.",
        userId, Actor.ADMINS);
  }
}
