package org.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps Camunda's webapps translated into Simplified Chinese: for Tasklist, Cockpit, Admin and the welcome page,
 * our {@code locales/zh.json} has every key of the {@code en.json} that the Camunda webjar on the classpath brings
 * (so a Camunda upgrade that adds texts fails here until they are translated), no key it does not have, and for
 * each key a Chinese text that keeps the English text's placeholders ({@code {{name}}}, {@code {}}) and HTML tags.
 * Only proper names, data type names and operators stay as they are ({@link #SAME_IN_CHINESE}). The app's
 * config.js offers zh beside English.
 */
class WebappLocalesTest {

  private static final String APPS = "META-INF/resources/webjars/camunda/app/";
  /** Texts that read the same in Chinese: product names, Camunda's variable types, operators and formats. */
  static final Set<String> SAME_IN_CHINESE = Set.of("", "Camunda", "Camunda Cockpit", "Admin", "Cockpit", "Tasklist",
      "Optimize", "Boolean", "Double", "Integer", "Long", "Short", "String", "ID", "CSV", "JSON", "<", "<=", ">",
      ">=", "YYYY-MM-DDTHH:mm:ss");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}|\\{}");
  private static final Pattern TAG = Pattern.compile("</?(?:a|b|br|code|em|i|p|span|strong)\\b[^>]*>");
  /** Han characters and CJK punctuation (a text of only "。" is Chinese too). */
  private static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}\\u3000-\\u303f\\uff00-\\uffef]");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyTextOfTheWebappIsInChinese(String app) throws IOException {
    JsonNode english = read(APPS + app + "/locales/en.json");
    JsonNode chinese = read(APPS + app + "/locales/zh.json");
    Map<String, String> en = labels(english);
    Map<String, String> zh = labels(chinese);
    assertThat(en).as("Camunda's %s en.json on the classpath", app).hasSizeGreaterThan(100);

    List<String> problems = new ArrayList<>();
    en.forEach((key, text) -> {
      String translated = zh.get(key);
      if (translated == null) {
        problems.add(key + ": missing (English: \"" + text + "\")");
        return;
      }
      if (!SAME_IN_CHINESE.contains(text) && (translated.isBlank() || translated.equals(text)
          || !CHINESE.matcher(translated).find())) {
        problems.add(key + ": not translated: \"" + translated + "\"");
      }
      if (!all(PLACEHOLDER, text).equals(all(PLACEHOLDER, translated))) {
        problems.add(key + ": placeholders " + all(PLACEHOLDER, text) + " became " + all(PLACEHOLDER, translated));
      }
      if (!tags(text).equals(tags(translated))) {
        problems.add(key + ": HTML tags " + tags(text) + " became " + tags(translated));
      }
    });
    zh.keySet().stream().filter(key -> !en.containsKey(key))
        .forEach(key -> problems.add(key + ": not in Camunda's en.json (left over from an older release?)"));
    assertThat(problems).as("app/%s/locales/zh.json against Camunda's en.json", app).isEmpty();

    if (english.has("dateLocales")) {
      assertThat(chinese.path("dateLocales").path("months").get(0).asText()).as("Chinese month names").isEqualTo("一月");
      assertThat(chinese.path("dateLocales").path("relativeTime").path("future").asText()).isEqualTo("%s后");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theWebappOffersChineseBesideEnglish(String app) throws IOException {
    assertThat(WebappLocalesTest.class.getClassLoader().getResource(APPS + app + "/scripts/config.js").getProtocol())
        .as("our %s config.js, not the webjar's", app).isEqualTo("file");
    String config = text(APPS + app + "/scripts/config.js");
    Matcher locales = Pattern.compile("(?m)^\\s*locales\\s*:\\s*\\{\\s*availableLocales\\s*:\\s*\\[([^]]*)]\\s*,"
        + "\\s*fallbackLocale\\s*:\\s*'(\\w+)'").matcher(config);
    assertThat(locales.find()).as("%s config.js sets locales", app).isTrue();
    assertThat(locales.group(1).replaceAll("[\\s']", "").split(",")).contains("en", "zh");
    assertThat(locales.group(2)).isEqualTo("en");
  }

  private static Map<String, String> labels(JsonNode locale) {
    JsonNode labels = locale.has("labels") ? locale.get("labels") : locale;
    Map<String, String> all = new TreeMap<>();
    labels.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue().asText()));
    return all;
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1) == null ? m.group() : m.group(1));
    }
    Collections.sort(found);
    return found;
  }

  /** The tags in their order, each with its attributes (a link keeps its target). */
  private static List<String> tags(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static JsonNode read(String resource) throws IOException {
    return JSON.readTree(text(resource).replaceFirst("^\uFEFF", ""));
  }

  /** The resource as the application serves it: the first on the classpath (ours before the webjar's). */
  private static String text(String resource) throws IOException {
    URL found = WebappLocalesTest.class.getClassLoader().getResource(resource);
    assertThat(found).as("%s on the classpath", resource).isNotNull();
    try (InputStream in = found.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
