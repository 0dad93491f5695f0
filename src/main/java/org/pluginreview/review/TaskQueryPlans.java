package org.pluginreview.review;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, task queries are planned for their own values at every run. The driver prepares a
 * statement on the server from its fifth use on a connection, and a few runs later PostgreSQL may keep one
 * generic plan for any values. For the review queue's count at 100,000 open reviews that plan expects half
 * the tasks, reads the whole table and hashes every id to disk: 115 ms instead of 52. Task queries stay
 * unnamed statements instead; every other statement keeps its cached plan, since planning all of them at
 * every run cost a third of the lifecycle throughput (docs/scale.md).
 */
@Component
class TaskQueryPlans extends AbstractProcessEnginePlugin {

  static final Set<String> STATEMENTS = Set.of(
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria",
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskCountByQueryCriteria");

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new PlanEachRun());
  }

  @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
  static final class PlanEachRun implements Interceptor {

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      Statement statement = (Statement) invocation.proceed();
      MappedStatement mapped = (MappedStatement) SystemMetaObject.forObject(invocation.getTarget())
          .getValue("delegate.mappedStatement");
      if (STATEMENTS.contains(mapped.getId()) && statement.isWrapperFor(PGStatement.class)) {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0); // never a named, server-side statement
      }
      return statement;
    }
  }
}
