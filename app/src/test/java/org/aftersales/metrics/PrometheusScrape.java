package org.aftersales.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.TestHttp;

/**
 * One scrape of {@code /actuator/prometheus} as a manager, read line by line: the value of a series is the sum
 * of the samples of that name whose labels include the given ones (0 when there are none), and what changed
 * between two scrapes is the difference of their values.
 */
final class PrometheusScrape {

  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private record Sample(String name, Map<String, String> labels, String value) {}

  private final List<Sample> samples;

  private PrometheusScrape(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusScrape of(TestHttp http) {
    TestHttp.Response response = http.get("/actuator/prometheus", "manager");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      int brace = series.indexOf('{');
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0) {
        Matcher label = LABEL.matcher(series.substring(brace));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(brace >= 0 ? series.substring(0, brace) : series, labels, line.substring(space + 1)));
    }
    return new PrometheusScrape(samples);
  }

  /** The sum of the samples named {@code name} whose labels include {@code labels} (name, value, name, value...). */
  double value(String name, String... labels) {
    return samples.stream().filter(s -> s.name().equals(name) && matches(s.labels(), labels))
        .mapToDouble(s -> Double.parseDouble(s.value())).sum();
  }

  /** Whether there is a sample named {@code name} with these labels. */
  boolean has(String name, String... labels) {
    return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labels));
  }

  /** How much the series grew since {@code earlier}. */
  double since(PrometheusScrape earlier, String name, String... labels) {
    return value(name, labels) - earlier.value(name, labels);
  }

  private static boolean matches(Map<String, String> actual, String... wanted) {
    for (int i = 0; i < wanted.length; i += 2) {
      if (!wanted[i + 1].equals(actual.get(wanted[i]))) {
        return false;
      }
    }
    return true;
  }
}
