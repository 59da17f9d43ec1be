package org.aftersales.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule tables the follow-up survey is graded with: {@code service-grade} (processes/service-scoring.dmn, grade
 * bands of DOMAIN.md) and {@code service-recovery} (processes/service-recovery.dmn: overall below 70 or any
 * dimension at 60), with the overall score as {@link Scores} computes it.
 */
class FollowUpDecisionsTest {

  static DmnEngine engine;
  static DmnDecision grade;
  static DmnDecision recovery;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream dmn = FollowUpDecisionsTest.class.getResourceAsStream("/processes/service-scoring.dmn")) {
      grade = engine.parseDecision(FollowUpProcess.GRADE_DECISION, dmn);
    }
    try (InputStream dmn = FollowUpDecisionsTest.class.getResourceAsStream("/processes/service-recovery.dmn")) {
      recovery = engine.parseDecision(FollowUpProcess.RECOVERY_DECISION, dmn);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> overall {5}, {6}, recovery {7}")
  @CsvSource({
      "100, 100, 100, 100, 100, 100.00, EXCELLENT, false",
      "90, 90, 90, 90, 90, 90.00, EXCELLENT, false",
      "100, 90, 90, 80, 80, 88.00, GOOD, false",
      "80, 80, 80, 80, 80, 80.00, GOOD, false",
      "80, 70, 80, 70, 70, 74.00, FAIR, false",
      "70, 70, 70, 70, 70, 70.00, FAIR, false",
      "100, 100, 100, 100, 60, 92.00, EXCELLENT, true",   // one dimension at 60
      "70, 60, 70, 70, 70, 68.00, POOR, true",
      "60, 60, 60, 60, 60, 60.00, POOR, true",
      "80, 70, 60, 60, 60, 66.00, POOR, true"})
  void surveyScoresGradeAndRecovery(int speed, int solving, int attitude, int communication, int followUp,
      String overall, String expectedGrade, boolean expectedRecovery) {
    Scores scores = new Scores(speed, solving, attitude, communication, followUp);
    assertThat(scores.overall().toPlainString()).isEqualTo(overall);
    DmnDecisionResultEntries graded = engine.evaluateDecision(grade, Map.of("score", scores.overall().doubleValue()))
        .getSingleResult();
    assertThat(graded.<String>getEntry("grade")).isEqualTo(expectedGrade);
    DmnDecisionResultEntries recovered = engine.evaluateDecision(recovery,
        Map.of("overall", scores.overall().doubleValue(), "lowest", scores.lowest())).getSingleResult();
    assertThat(recovered.<Boolean>getEntry("recovery")).isEqualTo(expectedRecovery);
    assertThat(recovered.<String>getEntry("reason")).isEqualTo(expectedRecovery ? recovered.getEntry("reason") : "");
  }

  @ParameterizedTest(name = "grade of {0} is {1}")
  @CsvSource({"100, EXCELLENT", "90, EXCELLENT", "89.99, GOOD", "80, GOOD", "79, FAIR", "70, FAIR", "69, POOR",
      "60, POOR", "59.99, BAD", "0, BAD"})
  void gradeBands(double score, String expected) {
    assertThat(engine.evaluateDecision(grade, Map.of("score", score)).getSingleResult().<String>getEntry("grade"))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "overall {0}, lowest {1} -> {2}")
  @CsvSource({"69.99, 70, true, Overall score below 70", "70, 70, false, ''", "96, 60, true, A dimension scored 60",
      "76, 70, false, ''", "50, 60, true, Overall score below 70"})
  void recoveryRows(double overall, int lowest, boolean expected, String reason) {
    DmnDecisionResultEntries result = engine.evaluateDecision(recovery, Map.of("overall", overall, "lowest", lowest))
        .getSingleResult();
    assertThat(result.<Boolean>getEntry("recovery")).isEqualTo(expected);
    assertThat(result.<String>getEntry("reason")).isEqualTo(reason);
  }
}
