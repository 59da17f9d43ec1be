package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form in forms/ serves Chinese- and English-speaking staff (forms/README.md): a field's label is Chinese
 * and its description carries the English; texts and option labels carry both. A component that loses either
 * language fails here with the form and the component's id.
 */
class FormsTranslatedTest {

  static final Path FORMS = ModelChecks.TOP.resolve("forms");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
  /** Two Latin letters in a row: an English word (a code alone, such as "CNY", does not count as English text). */
  private static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{2,}[a-z]");
  /** Template variables and Markdown links are data, not text anyone wrote in a language. */
  private static final Pattern NOT_TEXT = Pattern.compile("\\{\\{[^}]*}}|]\\([^)]*\\)");
  private static final Pattern EXPRESSION_LABEL = Pattern.compile("label:\\s*\"([^\"]*)\"");

  static Stream<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(FORMS)) {
      return files.filter(f -> f.toString().endsWith(".form")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("forms")
  void everyComponentIsInChineseAndEnglish(Path form) throws IOException {
    List<String> problems = untranslated("forms/" + form.getFileName(), JSON.readTree(form.toFile()));
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void anEnglishOnlyLabelOrOptionAndAMissingEnglishHelpFail() throws IOException {
    ObjectNode form = (ObjectNode) JSON.readTree(FORMS.resolve("review-request.form").toFile());
    for (JsonNode component : form.get("components")) {
      if ("reviewDecision".equals(component.path("key").asText())) {
        ((ObjectNode) component).put("label", "Decision");
        ((ObjectNode) component.get("values").get(0)).put("label", "批准");
      }
      if ("rejectReason".equals(component.path("key").asText())) {
        ((ObjectNode) component).put("description", "客户会读到。");
      }
      if ("Text_Intro".equals(component.path("id").asText())) {
        ((ObjectNode) component).put("text", "#### Review the request {{caseTypeText}}");
      }
    }
    String file = "forms/review-request.form";
    assertThat(untranslated(file, form)).containsExactlyInAnyOrder(
        file + ": Text_Intro: the text has no Chinese",
        file + ": Field_reviewDecision: the label has no Chinese",
        file + ": Field_reviewDecision: option APPROVE has no English",
        file + ": Field_rejectReason: the description has no English; add it after \"English:\"");
  }

  static List<String> untranslated(String file, JsonNode form) {
    List<String> problems = new ArrayList<>();
    check(file, form.path("components"), problems);
    return problems;
  }

  private static void check(String file, JsonNode components, List<String> problems) {
    for (JsonNode c : components) {
      String where = file + ": " + c.path("id").asText();
      if (c.has("text")) {
        both(where + ": the text", c.get("text").asText(), problems);
      }
      if (c.has("label")) {
        if (!chinese(c.get("label").asText())) {
          problems.add(where + ": the label has no Chinese");
        }
        if (!english(c.path("description").asText())) {
          problems.add(where + ": the description has no English; add it after \"English:\"");
        }
      }
      for (JsonNode option : c.path("values")) {
        both(where + ": option " + option.path("value").asText(), option.path("label").asText(), problems);
      }
      Matcher expression = EXPRESSION_LABEL.matcher(c.path("valuesExpression").asText());
      while (expression.find()) {
        both(where + ": option \"" + expression.group(1) + "\"", expression.group(1), problems);
      }
      check(file, c.path("components"), problems);
    }
  }

  private static void both(String what, String text, List<String> problems) {
    if (!chinese(text)) {
      problems.add(what + " has no Chinese");
    }
    if (!english(text)) {
      problems.add(what + " has no English");
    }
  }

  private static boolean chinese(String text) {
    return CHINESE.matcher(NOT_TEXT.matcher(text).replaceAll("")).find();
  }

  private static boolean english(String text) {
    return ENGLISH.matcher(NOT_TEXT.matcher(text).replaceAll("")).find();
  }
}
