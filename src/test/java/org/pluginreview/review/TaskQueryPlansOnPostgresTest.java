package org.pluginreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** On a real PostgreSQL server (surefire execution "postgres"): how task queries are planned. */
@ServiceTest
class TaskQueryPlansOnPostgresTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  /**
   * A statement the server has prepared under a name may be run with a generic plan; task queries never
   * are, however often they run on one connection. A process definition query, used as often, is, which
   * shows the check can see server-side statements.
   */
  @Test
  void taskQueriesAreNeverPreparedOnTheServerSoEachRunIsPlannedForItsValues() {
    new TransactionTemplate(transactions).executeWithoutResult(status -> { // one connection throughout
      for (int i = 0; i < 12; i++) {
        engine.getTaskService().createTaskQuery().taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).count();
        engine.getTaskService().createTaskQuery().taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW)
            .orderByTaskPriority().desc().orderByTaskCreateTime().asc().listPage(0, 15);
        engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(ReviewProcess.KEY).count();
      }
      assertThat(jdbc.queryForList("select statement from pg_prepared_statements", String.class))
          .anySatisfy(sql -> assertThat(sql).containsIgnoringCase("ACT_RE_PROCDEF RES"))
          .noneSatisfy(sql -> assertThat(sql).containsIgnoringCase("ACT_RU_TASK RES"));
    });
  }
}
