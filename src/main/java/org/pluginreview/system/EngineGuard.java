package org.pluginreview.system;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Rules that hold for every caller of the engine, whatever surface they come through (engine-rest,
 * the webapps' engine API, Tasklist forms), for everyone but {@code camunda-admin} and the engine's
 * own work (the job executor acts for nobody):
 * <ul>
 *   <li>processes start only at their start event and never move elsewhere: no start instructions,
 *       skipped listeners or input mappings, modification, restart or migration;</li>
 *   <li>a task is worked, not rearranged: claim, hand back, comment, complete; no renaming, new
 *       priority or dates, assigning, delegating, identity links, BPMN errors, escalations or variables
 *       written outside the task's completion;</li>
 *   <li>variables are data: no bytes, files or serialized objects, and text no longer than the engine
 *       keeps.</li>
 * </ul>
 * A guard inside the engine rather than a filter on a URL, so that no surface is left out.
 */
@Component
public class EngineGuard extends AbstractProcessEnginePlugin {

  /** The engine keeps text variables of at most this many characters; longer ones fail as it writes them. */
  public static final int MAX_TEXT = 4000;

  private static final List<Class<?>> MOVES = List.of(StartProcessInstanceAtActivitiesCmd.class,
      AbstractProcessInstanceModificationCommand.class, ModifyProcessInstanceCmd.class,
      ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class, AbstractRestartProcessInstanceCmd.class,
      RestartProcessInstancesBatchCmd.class, AbstractMigrationCmd.class);

  private static final List<Class<?>> TASK_CHANGES = List.of(SaveTaskCmd.class, AbstractSetTaskPropertyCmd.class,
      DelegateTaskCmd.class, ResolveTaskCmd.class, HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
      DeleteIdentityLinkCmd.class, DeleteTaskCmd.class, AbstractSetVariableCmd.class,
      AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostCommandInterceptorsTxRequired(with(
        configuration.getCustomPostCommandInterceptorsTxRequired(), new Interceptor()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(with(
        configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new Interceptor()));
    List<TypedValueSerializer> serializers = new ArrayList<>();
    if (configuration.getCustomPreVariableSerializers() != null) {
      serializers.addAll(configuration.getCustomPreVariableSerializers());
    }
    for (ValueType type : List.of(ValueType.BYTES, ValueType.FILE, ValueType.OBJECT, ValueType.STRING)) {
      serializers.add(new VariableGuard(type));
    }
    configuration.setCustomPreVariableSerializers(serializers);
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor guard) {
    List<CommandInterceptor> all = new ArrayList<>(existing == null ? List.of() : existing);
    all.add(guard);
    return all;
  }

  /** True when a person other than an admin is acting in this command. */
  static boolean restricted(CommandContext context) {
    if (context == null || context.getAuthenticatedUserId() == null) {
      return false;
    }
    List<String> groups = context.getAuthenticatedGroupIds();
    return groups == null || !groups.contains(Actor.ADMINS);
  }

  static final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      if (!restricted(context)) {
        return next.execute(command);
      }
      if (isAny(command, MOVES) || skipsListeners(command)) {
        throw ErrorCode.FORBIDDEN.exception("Processes start at their start event and move only by their own "
            + "steps; only camunda-admin may start them elsewhere, move, restart or migrate them.");
      }
      if (command instanceof AssignTaskCmd assign && handsBack(context, assign)) {
        // handing a claimed task back needs no right to assign it to anyone else
        return context.runWithoutAuthorization(() -> next.execute(command));
      }
      if (isAny(command, TASK_CHANGES) || command instanceof AbstractAddIdentityLinkCmd) {
        throw ErrorCode.FORBIDDEN.exception("A task is claimed, handed back, commented on and completed; "
            + "only camunda-admin may rename, reprioritize, reassign or delegate it or write its variables "
            + "outside its completion.");
      }
      return next.execute(command);
    }

    private static boolean isAny(Object command, List<Class<?>> types) {
      for (Class<?> type : types) {
        if (type.isInstance(command)) {
          return true;
        }
      }
      return false;
    }

    private static boolean skipsListeners(Object command) {
      if (!(command instanceof StartProcessInstanceCmd)) {
        return false;
      }
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(
          StartProcessInstanceCmd.class, "instantiationBuilder", command);
      return builder.getModificationBuilder() != null && (builder.getModificationBuilder().isSkipCustomListeners()
          || builder.getModificationBuilder().isSkipIoMappings());
    }

    /** The assignee unclaims a task that others may still take (it has candidate groups). */
    private static boolean handsBack(CommandContext context, AssignTaskCmd assign) {
      if (field(AbstractAddIdentityLinkCmd.class, "userId", assign) != null) {
        return false;
      }
      String taskId = (String) field(AbstractSetTaskPropertyCmd.class, "taskId", assign);
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      return task != null && context.getAuthenticatedUserId().equals(task.getAssignee())
          && task.getIdentityLinks().stream().anyMatch(link -> link.getGroupId() != null);
    }

    private static final Map<String, Field> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Object field(Class<?> owner, String name, Object target) {
      Field field = FIELDS.computeIfAbsent(owner.getName() + "#" + name, key -> {
        try {
          Field found = owner.getDeclaredField(name);
          found.setAccessible(true);
          return found;
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException("The engine's " + owner.getSimpleName() + " has no field " + name, e);
        }
      });
      try {
        return field.get(target);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Asked first about every value written, of its type: refuses what non-admins may not store, and
   * otherwise lets the engine's own serializer take it.
   */
  @SuppressWarnings("rawtypes")
  static final class VariableGuard implements TypedValueSerializer {
    private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, Short.class, Integer.class,
        Long.class, Double.class, Date.class);

    private final ValueType type;

    VariableGuard(ValueType type) {
      this.type = type;
    }

    @Override
    public boolean canHandle(TypedValue value) {
      if (!restricted(Context.getCommandContext())) {
        return false;
      }
      boolean untyped = value instanceof UntypedValueImpl;
      if (type == ValueType.STRING) {
        if ((untyped || type.equals(value.getType())) && value.getValue() instanceof String text
            && text.length() > MAX_TEXT) {
          throw refused("Text variables hold at most " + MAX_TEXT + " characters.", Map.of("maxLength", MAX_TEXT));
        }
        return false;
      }
      // a serialized value must not be asked for its object: that would deserialize it
      boolean forbidden = untyped ? value.getValue() != null && !PLAIN.contains(value.getValue().getClass())
          : type.equals(value.getType());
      if (forbidden) {
        throw refused("Variables are text, numbers, booleans or dates; " + type.getName()
            + " values are for camunda-admin only.", Map.of());
      }
      return false;
    }

    private static ApiException refused(String detail, Map<String, Object> properties) {
      ApiException e = ErrorCode.VALIDATION_FAILED.exception(detail);
      properties.forEach(e::with);
      return e;
    }

    @Override
    public String getName() {
      return "plugin-review-guard-" + type.getName();
    }

    @Override
    public ValueType getType() {
      return type;
    }

    @Override
    public void writeValue(TypedValue value, ValueFields valueFields) {
      throw new UnsupportedOperationException("a guard never stores a value");
    }

    @Override
    public TypedValue readValue(ValueFields valueFields, boolean deserializeValue, boolean asTransientValue) {
      throw new UnsupportedOperationException("a guard never stores a value");
    }

    @Override
    public TypedValue convertToTypedValue(UntypedValueImpl untypedValue) {
      throw new UnsupportedOperationException("a guard never stores a value");
    }

    @Override
    public String getSerializationDataformat() {
      return null;
    }

    @Override
    public boolean isMutableValue(TypedValue typedValue) {
      return false;
    }
  }
}
