package org.pluginreview.review;

import org.pluginreview.review.ReviewProcess.Variable;

/**
 * The one place that spells the answer process's key, element ids and variables
 * (processes/version-conversation.bpmn, processes/answer.form).
 */
public final class ConversationProcess {

  public static final String KEY = "versionConversation";

  public static final String START = "start_developerWrote";
  public static final String USER_TASK_ANSWER = "userTask_answerDeveloper";
  public static final String END_ANSWERED = "end_answered";

  public static final class Var {
    /** Who the task goes to: the reviewer who rejected the version, from the record, set by the service. */
    public static final Variable<String> ANSWER_BY = new Variable<>("answerBy", String.class);
    /** The reviewer's answer, as the form sends it. */
    public static final Variable<String> ANSWER = new Variable<>("answer", String.class);

    private Var() {}
  }

  private ConversationProcess() {}
}
