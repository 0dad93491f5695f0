package org.pluginreview.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo people for trying the product; created once, left alone on later starts. */
@Component
@Order(0)
@ConditionalOnProperty(name = "plugin-review.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("demo", "Demo", "Operator", List.of(Actor.ADMINS)),
      new DemoUser("dev1", "Dana", "Developer", List.of(Actor.DEVELOPERS)),
      new DemoUser("dev2", "Deng", "Developer", List.of(Actor.DEVELOPERS)),
      new DemoUser("reviewer1", "Rita", "Reviewer", List.of(Actor.REVIEWERS)),
      new DemoUser("reviewer2", "Rui", "Reviewer", List.of(Actor.REVIEWERS)),
      new DemoUser("lead1", "Lena", "Lead", List.of(Actor.REVIEWERS, Actor.REVIEW_LEADS)),
      new DemoUser("merchant1", "Ming", "Merchant", List.of(Actor.MERCHANTS)),
      new DemoUser("merchant2", "Mei", "Merchant", List.of(Actor.MERCHANTS)));

  private final IdentityService identityService;

  DemoData(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void run(ApplicationArguments args) {
    group(Actor.ADMINS, "Camunda administrators", "SYSTEM");
    group(Actor.DEVELOPERS, "Plugin developers", "WORKFLOW");
    group(Actor.REVIEWERS, "Reviewers", "WORKFLOW");
    group(Actor.REVIEW_LEADS, "Review leads", "WORKFLOW");
    group(Actor.MERCHANTS, "Merchants", "WORKFLOW");
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.id() + "@example.com");
        user.setPassword(demo.id());
        identityService.saveUser(user);
        log.info("Created demo user {}", demo.id());
      }
      for (String groupId : demo.groups()) {
        if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(groupId).count() == 0) {
          identityService.createMembership(demo.id(), groupId);
        }
      }
    }
  }

  private void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }
}
