package org.pluginreview.market;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.market.MarketRequests.ListingDecision;
import org.pluginreview.market.MarketRequests.ListingRequest;
import org.pluginreview.market.MarketViews.ListingAction;
import org.pluginreview.market.MarketViews.ListingEventView;
import org.pluginreview.market.MarketViews.ListingView;
import org.pluginreview.market.MarketViews.MarketPlugin;
import org.pluginreview.market.MarketViews.Rejection;
import org.pluginreview.market.MarketViews.ResolutionView;
import org.pluginreview.market.MarketViews.SubscriptionView;
import org.pluginreview.plugin.Paging;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The market: listings (their review is a process; this class starts it, completes its task or sends it the
 * unlist message), subscriptions, trial members and the resolution the runtime asks for.
 */
@Service
@Transactional
public class MarketService {

  private final VersionStore store;
  private final ListingLifecycle lifecycle;
  private final ListingRepository listings;
  private final ListingEventRepository events;
  private final SubscriptionRepository subscriptions;
  private final TrialMemberRepository trialMembers;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final CommandExecutor commands;
  private final Clock clock;

  MarketService(VersionStore store, ListingLifecycle lifecycle, ListingRepository listings,
                ListingEventRepository events, SubscriptionRepository subscriptions, TrialMemberRepository trialMembers,
                RuntimeService runtimeService, TaskService taskService, ProcessEngineConfigurationImpl engine,
                Clock clock) {
    this.store = store;
    this.lifecycle = lifecycle;
    this.listings = listings;
    this.events = events;
    this.subscriptions = subscriptions;
    this.trialMembers = trialMembers;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.commands = engine.getCommandExecutorTxRequired();
    this.clock = clock;
  }

  // ---------------------------------------------------------------- listing

  /** Saves the text and starts its review; the review's first step checks the rules, so a refusal leaves nothing. */
  public ListingView requestListing(Actor actor, String pluginId, ListingRequest request) {
    lifecycle.propose(actor, pluginId, request.text());
    String id = canonical(pluginId);
    VariableMap variables = Variables.createVariables();
    ListingProcess.Var.PLUGIN_ID.put(variables, id);
    trusted(() -> runtimeService.createProcessInstanceByKey(ListingProcess.KEY).businessKey(id)
        .setVariables(variables).execute());
    return listing(actor, id);
  }

  /** Unlists: while a review waits, by sending it the unlist message; otherwise at once. */
  public void unlist(Actor actor, String pluginId) {
    String id = canonical(pluginId);
    store.lockPlugin(id);
    Execution waiting = trusted(() -> runtimeService.createExecutionQuery().processDefinitionKey(ListingProcess.KEY)
        .processInstanceBusinessKey(id).messageEventSubscriptionName(ListingProcess.MESSAGE_WITHDRAWN)
        .listPage(0, 1).stream().findFirst().orElse(null));
    if (waiting == null) {
      lifecycle.unlist(actor, id);
      return;
    }
    trusted(() -> runtimeService.createMessageCorrelation(ListingProcess.MESSAGE_WITHDRAWN)
        .processInstanceId(waiting.getProcessInstanceId()).correlateWithResult());
  }

  /** Completes the open listing review task as the caller; the task's listener applies the rules. */
  public ListingView review(Actor actor, String pluginId, ListingDecision decision) {
    String id = canonical(pluginId);
    VersionLifecycle.visible(actor, store.lockPlugin(id), id);
    Task task = trusted(() -> taskService.createTaskQuery().processDefinitionKey(ListingProcess.KEY)
        .processInstanceBusinessKey(id).taskDefinitionKey(ListingProcess.USER_TASK_REVIEW_LISTING)
        .listPage(0, 1).stream().findFirst().orElse(null));
    if (task == null) {
      throw ErrorCode.ILLEGAL_STATE.exception("No listing review of " + id + " is open.");
    }
    VariableMap variables = Variables.createVariables();
    ListingProcess.Var.DECISION.put(variables, decision.decision());
    ListingProcess.Var.REJECT_CATEGORY.put(variables, decision.reasonCategory());
    ListingProcess.Var.COMMENT.put(variables, decision.comment());
    trusted(() -> {
      taskService.complete(task.getId(), variables);
      return null;
    });
    return listing(actor, id);
  }

  @Transactional(readOnly = true)
  public ListingView listing(Actor actor, String pluginId) {
    Plugin plugin = VersionLifecycle.visible(actor, store.plugin(pluginId), pluginId);
    Listing l = listings.findById(plugin.getPluginId())
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("Plugin " + plugin.getPluginId() + " has no listing."));
    return view(plugin, l, actor);
  }

  @Transactional(readOnly = true)
  public List<ListingEventView> listingHistory(Actor actor, String pluginId) {
    Plugin plugin = VersionLifecycle.visible(actor, store.plugin(pluginId), pluginId);
    return events.findByPluginIdOrderByIdAsc(plugin.getPluginId()).stream().map(e -> new ListingEventView(
        e.getAction(), e.getFromStatus(), e.getToStatus(), e.getActor(), e.getOccurredAt(), e.getComment())).toList();
  }

  private ListingView view(Plugin plugin, Listing l, Actor actor) {
    List<PluginVersion> relevant = store.relevant(plugin.getPluginId(), null);
    Rejection rejection = l.getRejectCategory() == null ? null : new Rejection(l.getRejectCategory(), l.getRejectComment());
    return new ListingView(plugin.getPluginId(), l.getStatus(), l.isListed(), l.getPublished(), l.getProposed(),
        live(relevant), plugin.offlineVersion().isEmpty() && live(relevant) != null, l.getRequestedBy(),
        l.getReviewer(), rejection, l.getListedAt(), actions(plugin, l, relevant, actor), l.getRevision());
  }

  private static List<ListingAction> actions(Plugin plugin, Listing l, List<PluginVersion> relevant, Actor actor) {
    boolean owner = actor.userId().equals(plugin.getOwner());
    boolean inReview = l.getStatus() == ListingStatus.IN_REVIEW;
    List<ListingAction> allowed = new java.util.ArrayList<>();
    if (owner && !inReview && live(relevant) != null) {
      allowed.add(ListingAction.REQUEST_LISTING);
    }
    if (owner && (inReview || l.isListed())) {
      allowed.add(ListingAction.UNLIST);
    }
    if (inReview && actor.isReviewer() && !owner && !actor.userId().equals(l.getRequestedBy())) {
      allowed.add(ListingAction.APPROVE);
      allowed.add(ListingAction.REJECT);
    }
    return allowed;
  }

  // ---------------------------------------------------------------- the market

  @Transactional(readOnly = true)
  public List<MarketPlugin> market(Actor actor, String text, String category, Paging paging) {
    String like = text == null || text.isBlank() ? null : "%" + text.strip().toLowerCase(java.util.Locale.ROOT) + "%";
    String cat = category == null || category.isBlank() ? null : category.strip();
    return listings.search(like, cat, paging.pageable()).stream().map(l -> marketView(l, actor)).toList();
  }

  @Transactional(readOnly = true)
  public MarketPlugin marketPlugin(Actor actor, String pluginId) {
    return marketView(listed(pluginId), actor);
  }

  private Listing listed(String pluginId) {
    String id = canonical(pluginId);
    return listings.findById(id).filter(Listing::isListed)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("Plugin " + pluginId + " is not in the market."));
  }

  private MarketPlugin marketView(Listing l, Actor actor) {
    Plugin plugin = store.plugin(l.getPluginId()).orElseThrow(() -> VersionLifecycle.noPlugin(l.getPluginId()));
    String live = plugin.offlineVersion().isPresent() ? null : live(store.relevant(l.getPluginId(), null));
    ListingText t = l.getPublished();
    boolean subscribed = actor != null && subscriptions.existsById(new Subscription.Key(l.getPluginId(), actor.userId()));
    return new MarketPlugin(l.getPluginId(), t.title(), t.summary(), t.category(), t.description(), t.supportContact(),
        t.supportUrl(), live, live != null, plugin.getOwner(), subscriptions.countByPluginId(l.getPluginId()), subscribed);
  }

  // ---------------------------------------------------------------- subscriptions

  public SubscriptionView subscribe(Actor actor, String pluginId) {
    requireMerchant(actor);
    Listing l = listed(pluginId);
    Subscription s = subscriptions.findById(new Subscription.Key(l.getPluginId(), actor.userId()))
        .orElseGet(() -> subscriptions.save(new Subscription(l.getPluginId(), actor.userId(), clock.instant())));
    return new SubscriptionView(s.getPluginId(), s.getMerchantId(), s.getSubscribedAt());
  }

  /** Unsubscribing is allowed even after the plugin left the market. */
  public void unsubscribe(Actor actor, String pluginId) {
    requireMerchant(actor);
    String id = canonical(pluginId);
    Subscription.Key key = new Subscription.Key(id, actor.userId());
    if (!subscriptions.existsById(key)) {
      throw ErrorCode.NOT_FOUND.exception("You are not subscribed to " + pluginId + ".");
    }
    subscriptions.deleteById(key);
  }

  @Transactional(readOnly = true)
  public List<SubscriptionView> mySubscriptions(Actor actor, Paging paging) {
    requireMerchant(actor);
    return subscriptions.findByMerchantIdOrderByPluginId(actor.userId(), paging.pageable()).stream()
        .map(s -> new SubscriptionView(s.getPluginId(), s.getMerchantId(), s.getSubscribedAt())).toList();
  }

  @Transactional(readOnly = true)
  public List<SubscriptionView> subscribers(Actor actor, String pluginId, Paging paging) {
    Plugin plugin = ownerOrAdmin(actor, pluginId);
    return subscriptions.findByPluginIdOrderByMerchantId(plugin.getPluginId(), paging.pageable()).stream()
        .map(s -> new SubscriptionView(s.getPluginId(), s.getMerchantId(), s.getSubscribedAt())).toList();
  }

  // ---------------------------------------------------------------- trial members and resolution

  public MarketViews.TrialMembers setTrialMembers(Actor actor, String pluginId, List<String> members) {
    Plugin plugin = VersionLifecycle.visible(actor, store.lockPlugin(pluginId), pluginId);
    if (!actor.userId().equals(plugin.getOwner())) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner names its trial members.");
    }
    trialMembers.deleteByPluginId(plugin.getPluginId());
    members.stream().distinct().forEach(m -> trialMembers.save(new TrialMember(plugin.getPluginId(), m)));
    return trialMembers(actor, plugin.getPluginId());
  }

  @Transactional(readOnly = true)
  public MarketViews.TrialMembers trialMembers(Actor actor, String pluginId) {
    Plugin plugin = ownerOrAdmin(actor, pluginId);
    return new MarketViews.TrialMembers(trialMembers.findByPluginIdOrderByMemberId(plugin.getPluginId()).stream()
        .map(TrialMember::getMemberId).toList());
  }

  /**
   * For a merchant, their own answer, for plugins in the market; owners and administrators ask for any
   * merchant id, for any of their plugins.
   */
  @Transactional(readOnly = true)
  public ResolutionView resolve(Actor actor, String pluginId, String merchant) {
    Plugin plugin;
    String who;
    Optional<Plugin> found = store.plugin(pluginId);
    boolean ownerOrAdmin = found.map(p -> actor.userId().equals(p.getOwner())).orElse(false) || actor.isAdmin();
    if (ownerOrAdmin) {
      plugin = VersionLifecycle.visible(actor, found, pluginId);
      who = merchant == null || merchant.isBlank() ? actor.userId() : merchant;
    } else if (actor.isMerchant()) {
      if (merchant != null && !merchant.equals(actor.userId())) {
        throw ErrorCode.FORBIDDEN.exception("A merchant asks for their own resolution only.");
      }
      plugin = found.orElseThrow(() -> VersionLifecycle.noPlugin(pluginId));
      listed(plugin.getPluginId());
      who = actor.userId();
    } else {
      throw ErrorCode.FORBIDDEN.exception("Resolutions are for merchants, and for the plugin's owner.");
    }
    String id = plugin.getPluginId();
    Resolution.Answer answer = Resolution.resolve(plugin, store.relevant(id, null),
        m -> trialMembers.existsByPluginIdAndMemberId(id, m), who);
    return new ResolutionView(answer.pluginId(), answer.merchant(), answer.version(), answer.reason());
  }

  // ---------------------------------------------------------------- helpers

  private Plugin ownerOrAdmin(Actor actor, String pluginId) {
    Plugin plugin = VersionLifecycle.visible(actor, store.plugin(pluginId), pluginId);
    if (!actor.userId().equals(plugin.getOwner()) && !actor.isAdmin()) {
      throw ErrorCode.FORBIDDEN.exception("Only the plugin's owner or an administrator may see this.");
    }
    return plugin;
  }

  private static void requireMerchant(Actor actor) {
    if (!actor.isMerchant()) {
      throw ErrorCode.FORBIDDEN.exception("Only merchants subscribe to plugins.");
    }
  }

  private String canonical(String pluginId) {
    return store.plugin(pluginId).map(Plugin::getPluginId).orElse(pluginId);
  }

  private static String live(List<PluginVersion> relevant) {
    return relevant.stream().filter(v -> v.getStatus() == VersionStatus.RELEASED).map(PluginVersion::getVersion)
        .findFirst().orElse(null);
  }

  private <T> T trusted(Callable<T> work) {
    return commands.execute(context -> context.runWithoutAuthorization(work));
  }
}
