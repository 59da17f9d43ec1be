package org.aftersales.followup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.aftersales.system.web.InvalidRequestException.FieldProblem;

/**
 * A customer's five answers on the ladder of DOMAIN.md (100/90/80/70/60 each): response speed, problem
 * solving, attitude, communication and follow-up. The overall score is their average.
 */
public record Scores(int responseSpeed, int problemSolving, int attitude, int communication, int followUp) {

  /** The dimensions in order, as the API names them. */
  public static final List<String> DIMENSIONS =
      List.of("responseSpeed", "problemSolving", "attitude", "communication", "followUp");
  /** The ladder: every answer is one of these. */
  public static final List<Integer> LADDER = List.of(100, 90, 80, 70, 60);

  private static final List<String> LABELS =
      List.of("Response speed", "Problem solving", "Attitude", "Communication", "Follow-up");

  /**
   * The answers from {@code value} (dimension name → number or text), or the failure that {@code invalid} makes of
   * what is wrong, named by {@code field} (the dimension's name where the answers came from).
   */
  public static Scores parse(Function<String, Object> value, Function<String, String> field,
      Function<List<FieldProblem>, RuntimeException> invalid) {
    List<FieldProblem> problems = new ArrayList<>();
    int[] scores = new int[DIMENSIONS.size()];
    for (int i = 0; i < scores.length; i++) {
      String name = DIMENSIONS.get(i);
      Integer score = score(value.apply(name));
      if (score == null) {
        problems.add(new FieldProblem(field.apply(name), "must be one of 100, 90, 80, 70, 60"));
      } else {
        scores[i] = score;
      }
    }
    if (!problems.isEmpty()) {
      throw invalid.apply(problems);
    }
    return new Scores(scores[0], scores[1], scores[2], scores[3], scores[4]);
  }

  private static Integer score(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      BigDecimal number = new BigDecimal(value.toString().trim());
      return number.stripTrailingZeros().scale() <= 0 && LADDER.contains(number.intValue()) ? number.intValue() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public List<Integer> asList() {
    return List.of(responseSpeed, problemSolving, attitude, communication, followUp);
  }

  /** The average of the five, two decimals. */
  public BigDecimal overall() {
    int sum = asList().stream().mapToInt(Integer::intValue).sum();
    return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(DIMENSIONS.size()), 2, RoundingMode.HALF_UP);
  }

  public int lowest() {
    return asList().stream().mapToInt(Integer::intValue).min().orElseThrow();
  }

  /** By dimension name, in order. */
  public Map<String, Integer> byDimension() {
    Map<String, Integer> map = new LinkedHashMap<>();
    IntStream.range(0, DIMENSIONS.size()).forEach(i -> map.put(DIMENSIONS.get(i), asList().get(i)));
    return map;
  }

  /** "Response speed 90, Problem solving 60, ..." */
  public String text() {
    List<String> parts = new ArrayList<>();
    IntStream.range(0, LABELS.size()).forEach(i -> parts.add(LABELS.get(i) + " " + asList().get(i)));
    return String.join(", ", parts);
  }
}
