package org.pluginreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pluginreview.lifecycle.PreReview;
import org.pluginreview.lifecycle.ReleaseDecision;
import org.pluginreview.lifecycle.SelfCheckItem;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionStatus;

/** The model is one a person can open in Modeler and read in Cockpit, and the code names what it has. */
class ProcessModelTest {

  private static final Path MODEL = Path.of("processes", "plugin-version-review.bpmn");

  /** Each model, its process key, the class that names its ids, and how many user tasks it has. */
  record Model(Path file, String key, Class<?> descriptor, int userTasks) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static List<Model> models() {
    return List.of(new Model(MODEL, ReviewProcess.KEY, ReviewProcess.class, 4),
        new Model(Path.of("processes", "market-listing-review.bpmn"), org.pluginreview.market.ListingProcess.KEY,
            org.pluginreview.market.ListingProcess.class, 1),
        new Model(Path.of("processes", "event-delivery.bpmn"), org.pluginreview.notify.DeliveryProcess.KEY,
            org.pluginreview.notify.DeliveryProcess.class, 0),
        new Model(Path.of("processes", "version-conversation.bpmn"), ConversationProcess.KEY, ConversationProcess.class, 1));
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyElementIsDrawnAndReadablyNamed(Model m) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(m.file().toFile());
    Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
    List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(s -> s.getBpmnElement().getId()).toList();
    List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(e -> e.getBpmnElement().getId()).toList();
    for (FlowElement element : elements) {
      assertThat(element.getId()).as("readable id").matches("(start|end|userTask|serviceTask|gateway|boundary|flow)_[a-z][A-Za-z]+");
      if (element instanceof SequenceFlow) {
        assertThat(edges).as("edge for " + element.getId()).contains(element.getId());
      } else {
        assertThat(shapes).as("shape for " + element.getId()).contains(element.getId());
      }
    }
    String xml = Files.readString(m.file());
    assertThat(xml).contains("modeler:executionPlatform=\"Camunda Platform\"",
        "modeler:executionPlatformVersion=\"7.24.0\"");
    Process process = model.getModelElementById(m.key());
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskHasADeployedCamundaForm(Model m) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(m.file().toFile());
    Map<String, JsonNode> forms = new HashMap<>();
    try (var files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode form = new ObjectMapper().readTree(file.toFile());
        forms.put(form.path("id").asText(), form);
      }
    }
    Collection<UserTask> userTasks = model.getModelElementsByType(UserTask.class);
    assertThat(userTasks).hasSize(m.userTasks());
    for (UserTask task : userTasks) {
      assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      JsonNode form = forms.get(task.getCamundaFormRef());
      assertThat(form).as("form " + task.getCamundaFormRef()).isNotNull();
      // developer-typed text is shown in input fields only: no component renders it as markup
      form.path("components").forEach(c -> {
        if (c.path("key").asText().startsWith("detail")) {
          assertThat(c.path("type").asText()).isIn("textfield", "textarea");
          assertThat(c.path("readonly").asBoolean()).isTrue();
        }
        assertThat(c.path("type").asText()).isNotIn("html", "expression");
        assertThat(c.path("text").asText()).doesNotContain("{{");
        // people read labels, never the API's codes
        List<String> shown = new ArrayList<>(List.of(c.path("label").asText(), c.path("text").asText()));
        c.path("values").forEach(v -> shown.add(v.path("label").asText()));
        shown.addAll(expressionLabels(c.path("valuesExpression").asText()));
        assertThat(shown).as(c.path("id").asText()).noneMatch(text -> text.matches("(?s).*\\b[A-Z]{2,}_?[A-Z]{2,}\\b.*"));
      });
    }
  }

  /** The labels of options a FEEL expression lists ({@code {label: "...", value: "..."}}). */
  private static List<String> expressionLabels(String expression) {
    return java.util.regex.Pattern.compile("label: \"([^\"]*)\"").matcher(expression).results()
        .map(m -> m.group(1)).toList();
  }

  @Test
  void theReleaseFormOffersEveryReleaseDecisionWithALabelAndFiltersThemByTheAllowedOnes() throws Exception {
    JsonNode field = StreamSupport.stream(new ObjectMapper().readTree(Path.of("processes/release-decision.form").toFile())
        .path("components").spliterator(), false).filter(c -> c.path("key").asText().equals(ReviewProcess.Var.RELEASE_DECISION.name()))
        .findFirst().orElseThrow();
    String expression = field.path("valuesExpression").asText();
    assertThat(field.has("values")).isFalse();
    assertThat(expressionLabels(expression)).hasSize(ReleaseDecision.values().length).allMatch(l -> !l.isBlank());
    for (ReleaseDecision d : ReleaseDecision.values()) {
      assertThat(expression).contains("value: \"" + d.name() + "\"");
    }
    assertThat(expression).contains(ReviewProcess.Detail.RELEASE_CHOICES);
  }

  @Test
  void theFormsNameChecklistItemsAndReasonsWithTheSameLabelsAsTheirDetails() throws Exception {
    Map<String, String> shown = new HashMap<>();
    for (String form : List.of("self-check", "review")) {
      new ObjectMapper().readTree(Path.of("processes", form + ".form").toFile()).path("components").forEach(c -> {
        shown.put(c.path("key").asText(), c.path("label").asText());
        c.path("values").forEach(v -> shown.put(c.path("key").asText() + "=" + v.path("value").asText(), v.path("label").asText()));
      });
    }
    ReviewProcess.SELF_CHECK_VARIABLES.forEach((item, variable) ->
        assertThat(shown.get(variable.name())).as(item.name()).isEqualTo(ReviewProcess.SELF_CHECK_LABELS.get(item)));
    ReviewProcess.REASON_LABELS.forEach((reason, label) ->
        assertThat(shown.get(ReviewProcess.Var.REJECT_CATEGORY.name() + "=" + reason)).as(reason).isEqualTo(label));
  }

  @Test
  void everyStatusChecklistItemAndReasonHasALabelForTheForms() {
    assertThat(ReviewProcess.STATUS_LABELS).containsOnlyKeys(VersionStatus.values());
    assertThat(ReviewProcess.SELF_CHECK_LABELS).containsOnlyKeys(SelfCheckItem.values());
    assertThat(ReviewProcess.REASON_LABELS).containsOnlyKeys(VersionLifecycle.REJECT_CATEGORIES);
    assertThat(ReviewProcess.FINDING_LABELS).containsOnlyKeys(PreReview.codes());
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyElementIdTheCodeNamesExistsInTheModel(Model m) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(m.file().toFile());
    List<String> named = new ArrayList<>();
    for (Field field : m.descriptor().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().equals("KEY") && !field.getName().startsWith("MESSAGE")
          && !field.getName().startsWith("FILTER")) {
        named.add((String) field.get(null));
      }
    }
    assertThat(named).hasSizeGreaterThanOrEqualTo(m.userTasks() * 3);
    for (String id : named) {
      BaseElement element = model.getModelElementById(id);
      assertThat(element).as(id).isInstanceOf(FlowNode.class);
    }
  }
}
