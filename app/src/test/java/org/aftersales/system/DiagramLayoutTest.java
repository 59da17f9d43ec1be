package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagram in processes/ stays readable ({@link DiagramLayout}): no shapes on each other, no labels on shapes or
 * on each other, no sequence flow through a shape, every flow node named for a person, and no more crossings of
 * sequence flows than processes/layout-limits.properties allows for the model. A designer who breaks the layout in
 * Modeler reads here which element, where, and what to do; a copy broken on purpose shows each rule can fail.
 */
class DiagramLayoutTest {

  static final Path LIMITS = ModelChecks.PROCESSES.resolve("layout-limits.properties");
  static final Path BROKEN = Path.of("src/test/resources/diagrams/broken-layout.bpmn");

  static Stream<Path> models() throws IOException {
    return ModelRulesTest.models();
  }

  static Properties limits() throws IOException {
    Properties limits = new Properties();
    try (Reader reader = Files.newBufferedReader(LIMITS)) {
      limits.load(reader);
    }
    return limits;
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyDiagramIsReadable(Path model) throws IOException {
    DiagramLayout.Result result = DiagramLayout.check(model);
    assertThat(result.problems()).as(report(result.problems())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void sequenceFlowsCrossNoMoreThanTheModelsLimit(Path model) throws IOException {
    DiagramLayout.Result result = DiagramLayout.check(model);
    String key = model.getFileName().toString();
    String limit = limits().getProperty(key);
    assertThat(limit).as("processes/layout-limits.properties has no limit for " + key + ": add the line "
        + key + "=" + result.crossings().size() + " (the crossings it has now)").isNotNull();
    assertThat(result.crossings().size())
        .as(key + " has " + result.crossings().size() + " crossings of sequence flows, the limit in"
            + " processes/layout-limits.properties is " + limit + "; reroute or move elements so that these cross"
            + " no more:" + report(result.crossings()))
        .isLessThanOrEqualTo(Integer.parseInt(limit.trim()));
  }

  /** The broken copy trips each rule, and the messages name the elements and their places. */
  @Test
  void aBrokenDiagramFailsWithTheElementsAndWhatToDo() {
    DiagramLayout.Result result = DiagramLayout.check(BROKEN);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("Task_Check \"Check request\" (x=200 y=100 w=100 h=80) overlaps Task_OnTop")
        .contains("move one of them apart"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("sequence flow Flow_Check_Decide (Task_Check -> Gateway_Decide) runs through Task_OnTop")
        .contains("between (280,180) and (280,260)"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("the label of Flow_Decide_OnTop (x=510 y=150 w=30 h=14) lies on Gateway_Decide"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("the label of EndEvent_Done (x=690 y=160 w=70 h=14) lies on the label of Flow_Decide_End"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("Gateway_Decide has no name"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("StartEvent_Broken is named \"StartEvent_Broken\", which reads as an id"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("Task_Forgotten has no shape in the diagram: drag it onto the canvas in Modeler"));
    assertThat(result.problems()).hasSize(7);
    assertThat(result.crossings()).contains("Flow_Decide_End crosses Flow_OnTop_End at about (600,140)")
        .hasSize(4);
  }

  /** A label without bounds in the diagram is checked where bpmn-js draws it: below its event. */
  @Test
  void aLabelWithoutBoundsIsCheckedWhereBpmnJsDrawsIt() {
    DiagramLayout.Result result = DiagramLayout.check(BROKEN);
    assertThat(result.problems()).noneSatisfy(p -> assertThat(p).contains("the label of StartEvent_Broken"));
    assertThat(DiagramLayout.estimatedLabel("Request received", 118, 158)).isEqualTo(
        new DiagramLayout.Box(94, 158, 48, 28));
  }

  /** Each picture in processes/images was drawn from the model as it is now (tools/render-diagrams notes its hash). */
  @ParameterizedTest
  @MethodSource("models")
  void everyPictureIsDrawnFromTheModelAsItIsNow(Path model) throws Exception {
    String name = model.getFileName().toString().replace(".bpmn", "");
    Path picture = ModelChecks.PROCESSES.resolve("images/" + name + ".svg");
    String fix = ": run tools/render-diagrams and commit processes/images";
    assertThat(picture).as("processes/images/" + name + ".svg is missing" + fix).exists();
    Matcher recorded = Pattern.compile("from " + Pattern.quote(model.getFileName().toString())
        + " sha256:([0-9a-f]{64})").matcher(Files.readString(picture));
    assertThat(recorded.find()).as("processes/images/" + name + ".svg does not say which model it was drawn from" + fix)
        .isTrue();
    String now = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
    assertThat(recorded.group(1)).as("processes/images/" + name + ".svg was drawn from an older "
        + model.getFileName() + fix).isEqualTo(now);
  }

  static String report(List<String> lines) {
    return "\n  " + String.join("\n  ", lines) + "\n";
  }
}
