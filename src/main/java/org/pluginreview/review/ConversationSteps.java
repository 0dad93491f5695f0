package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.springframework.stereotype.Component;

/** The reviewer's answer in Tasklist joins the conversation as a message by whoever completed the task. */
final class ConversationSteps {

  private ConversationSteps() {}

  @Component("recordAnswer")
  static class RecordAnswer implements TaskListener {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    RecordAnswer(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Review about = StepVariables.review(task);
      lifecycle.postMessage(StepVariables.actor(identityService), about.pluginId(), about.version(),
          StepVariables.text(task, ConversationProcess.Var.ANSWER));
    }
  }
}
