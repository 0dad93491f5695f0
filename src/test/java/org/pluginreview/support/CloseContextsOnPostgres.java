package org.pluginreview.support;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * On PostgreSQL each test class's context closes right after the class, while the server still runs;
 * left to the JVM's shutdown hooks, contexts and server would stop in no particular order.
 */
public class CloseContextsOnPostgres implements TestExecutionListener {

  @Override
  public void afterTestClass(TestContext testContext) {
    if (TestDatabase.postgres() && testContext.hasApplicationContext()) {
      testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
    }
  }
}
