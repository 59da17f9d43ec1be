package org.aftersales.system.web;

import java.util.List;

/** Bad input: answered 400 with the offending fields; nothing was created or changed. */
public class InvalidRequestException extends RuntimeException {

  /** One offending field and what is wrong with it. */
  public record FieldProblem(String field, String message) {}

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(problems.size() + " invalid field(s): " + problems);
    this.problems = List.copyOf(problems);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
