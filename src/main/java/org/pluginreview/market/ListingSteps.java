package org.pluginreview.market;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.ReviewDecision;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.review.ReviewProcess.Variable;
import org.pluginreview.review.StepVariables;
import org.pluginreview.review.TaskGuards;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Component;

/** The listing review's delegates and listeners: each reads the plugin from the business key and acts through the lifecycle. */
final class ListingSteps {

  private ListingSteps() {}

  /** The business key, which no task form or engine-rest call can change; the first step sets it. */
  static String pluginId(DelegateExecution execution) {
    return Objects.requireNonNull(execution.getProcessBusinessKey(), "listing review without a business key");
  }

  /** First step of every start, from our API or engine-rest: the listing rules, for whoever started it. */
  @Component("submitListing")
  static class SubmitListing implements JavaDelegate {
    private final ListingLifecycle lifecycle;
    private final IdentityService identityService;

    SubmitListing(ListingLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String pluginId = ListingProcess.Var.PLUGIN_ID.get(execution);
      if (pluginId == null || pluginId.isBlank()) {
        throw ErrorCode.VALIDATION_FAILED.exception("The listing review needs the string variable 'pluginId'.")
            .with("fields", Map.of("pluginId", "required string"));
      }
      lifecycle.submit(Actor.required(identityService), pluginId, execution.getProcessInstanceId());
      execution.setProcessBusinessKey(pluginId);
    }
  }

  /** Clears what the task decides in every scope, so the gateway sees only what its own completion sent. */
  @Component("clearListingDecisions")
  static class ClearListingDecisions implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      for (Variable<?> variable : ListingProcess.TASK_DECISIONS) {
        task.getExecution().getProcessInstance().removeVariableLocal(variable.name());
        task.getExecution().removeVariableLocal(variable.name());
      }
    }
  }

  /** A name that says which plugin, and the text under review beside the public one, as task-local text. */
  @Component("showListingDetails")
  static class ShowListingDetails implements TaskListener {
    private final VersionStore store;
    private final ListingRepository listings;

    ShowListingDetails(VersionStore store, ListingRepository listings) {
      this.store = store;
      this.listings = listings;
    }

    @Override
    public void notify(DelegateTask task) {
      String pluginId = pluginId(task.getExecution());
      task.setName(ListingProcess.taskName(pluginId));
      Plugin plugin = store.plugin(pluginId).orElseThrow(() -> VersionLifecycle.noPlugin(pluginId));
      Listing listing = listings.findById(pluginId).orElseThrow(() -> VersionLifecycle.noPlugin(pluginId));
      ListingText text = listing.getProposed();
      Map<String, Object> details = new HashMap<>();
      details.put(ListingProcess.Detail.PLUGIN, plugin.getPluginId() + " (" + plugin.getName() + ")");
      details.put(ListingProcess.Detail.LIVE_VERSION, store.relevant(pluginId, null).stream()
          .filter(v -> v.getStatus() == VersionStatus.RELEASED).map(v -> v.getVersion()).findFirst().orElse("-"));
      details.put(ListingProcess.Detail.REQUESTED_BY, listing.getRequestedBy());
      details.put(ListingProcess.Detail.CHANGES, changes(listing.getPublished(), text));
      details.put(ListingProcess.Detail.TITLE, orDash(text.title()));
      details.put(ListingProcess.Detail.CATEGORY, orDash(text.category()));
      details.put(ListingProcess.Detail.SUMMARY, orDash(text.summary()));
      details.put(ListingProcess.Detail.DESCRIPTION, orDash(text.description()));
      details.put(ListingProcess.Detail.SUPPORT_CONTACT, orDash(text.supportContact()));
      details.put(ListingProcess.Detail.SUPPORT_URL, orDash(text.supportUrl()));
      task.setVariablesLocal(details);
    }

    static String changes(ListingText before, ListingText now) {
      if (before == null) {
        return "Nothing is public yet: this would be the first listing.";
      }
      StringBuilder changed = new StringBuilder();
      compare(changed, "title", before.title(), now.title());
      compare(changed, "summary", before.summary(), now.summary());
      compare(changed, "category", before.category(), now.category());
      compare(changed, "description", before.description(), now.description());
      compare(changed, "support contact", before.supportContact(), now.supportContact());
      compare(changed, "support URL", before.supportUrl(), now.supportUrl());
      return changed.isEmpty() ? "Nothing changed against the public text." : "Changed: " + changed;
    }

    private static void compare(StringBuilder changed, String name, String before, String now) {
      if (!Objects.equals(before, now)) {
        changed.append(changed.isEmpty() ? "" : ", ").append(name);
      }
    }

    private static String orDash(String text) {
      return text == null || text.isBlank() ? "-" : text;
    }
  }

  /** The owner never sees their own listing review, even as a reviewer: a revoke on this very task. */
  @Component("hideListingFromOwner")
  static class HideListingFromOwner implements TaskListener {
    private final VersionStore store;
    private final AuthorizationService authorizations;

    HideListingFromOwner(VersionStore store, AuthorizationService authorizations) {
      this.store = store;
      this.authorizations = authorizations;
    }

    @Override
    public void notify(DelegateTask task) {
      String owner = store.plugin(pluginId(task.getExecution())).map(Plugin::getOwner).orElse(null);
      if (owner == null) {
        return;
      }
      TaskGuards.hideFrom(owner, task, authorizations);
    }
  }

  /**
   * Runs when the review task completes, from our API, Tasklist or engine-rest: the lifecycle checks and
   * records the decision of the person the engine says completed it; the gateway routes on exactly that.
   */
  @Component("recordListingDecision")
  static class RecordListingDecision implements TaskListener {
    private final ListingLifecycle lifecycle;
    private final IdentityService identityService;

    RecordListingDecision(ListingLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Actor actor = Actor.required(identityService);
      Object sent = task.getVariable(ListingProcess.Var.DECISION.name());
      ReviewDecision decision = null;
      for (ReviewDecision d : ReviewDecision.values()) {
        if (d.name().equals(sent)) {
          decision = d;
        }
      }
      String category = StepVariables.text(task, ListingProcess.Var.REJECT_CATEGORY);
      String comment = StepVariables.text(task, ListingProcess.Var.COMMENT);
      lifecycle.decide(actor, pluginId(task.getExecution()), task.getProcessInstanceId(), task.getAssignee(), decision,
          category, comment);
      if (task.getAssignee() == null) {
        task.setAssignee(actor.userId());
      }
      task.getExecution().getProcessInstance().setVariableLocal(ListingProcess.Var.DECISION.name(), decision.name());
    }
  }

  @Component("publishListing")
  static class PublishListing implements JavaDelegate {
    private final ListingLifecycle lifecycle;

    PublishListing(ListingLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.approve(pluginId(execution), execution.getProcessInstanceId());
    }
  }

  @Component("rejectListing")
  static class RejectListing implements JavaDelegate {
    private final ListingLifecycle lifecycle;

    RejectListing(ListingLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.reject(pluginId(execution), execution.getProcessInstanceId());
    }
  }

  /** The owner unlisted while the review waited: the message's sender is the one the engine vouches for. */
  @Component("withdrawListing")
  static class WithdrawListing implements JavaDelegate {
    private final ListingLifecycle lifecycle;
    private final IdentityService identityService;

    WithdrawListing(ListingLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.withdraw(Actor.required(identityService), pluginId(execution), execution.getProcessInstanceId());
    }
  }
}
