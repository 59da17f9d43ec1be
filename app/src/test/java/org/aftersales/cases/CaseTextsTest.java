package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the customer reads in Chinese: every stage the diagrams write and every reason the return and repair rule
 * tables give has a line in {@code notifications/case-texts_zh.txt}; texts with values carry the values over.
 */
class CaseTextsTest {

  final CaseTexts texts = new CaseTexts();

  @Test
  void everyStageAndRuleTableReasonHasAChineseText() throws IOException {
    List<String> english = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList()) {
        String model = Files.readString(file);
        collect(Pattern.compile("name=\"stage\" value=\"([^\"$]+)\""), model, english);
        if (file.toString().endsWith("return-eligibility.dmn") || file.toString().endsWith("repair-coverage.dmn")) {
          collect(Pattern.compile("<text>&quot;([^&]{12,})&quot;</text>"), model, english);
        }
      }
    }
    assertThat(english).hasSizeGreaterThan(50);
    assertThat(english).allSatisfy(text -> assertThat(texts.knows("zh", text)).as("a zh line for: " + text).isTrue());
  }

  @Test
  void valuesAreCarriedOverAndUnknownTextsStayEnglish() {
    assertThat(texts.in("zh", "Refund of 399.00 CNY paid")).isEqualTo("已退款 399.00 CNY");
    assertThat(texts.in("zh-CN", "Your request is not eligible: The seven-day no-reason return period has ended"))
        .isEqualTo("您的申请不符合条件：七天无理由退货期已过");
    assertThat(texts.in("zh", "Something nobody translated")).isEqualTo("Something nobody translated");
    assertThat(texts.in("en", "Refunded")).isEqualTo("Refunded");
    assertThat(texts.in(null, "Refunded")).isEqualTo("Refunded");
  }

  private static void collect(Pattern pattern, String model, List<String> into) {
    Matcher m = pattern.matcher(model);
    while (m.find()) {
      if (m.group(1).matches(".*[a-z].*")) { // codes such as NOT_REPAIRABLE are not shown
        into.add(m.group(1).replace("&#39;", "'").replace("&amp;", "&"));
      }
    }
  }
}
