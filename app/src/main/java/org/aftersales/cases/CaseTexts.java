package org.aftersales.cases;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What a case shows the customer (stage, timeline, reasons the rule tables give) in the customer's language.
 * The diagrams, rule tables and code write these texts in English, which stays what is stored and what staff
 * read; {@code notifications/case-texts_<language>.txt} gives each text in another language (now {@code zh}),
 * with {@code {name}} standing for a part carried over as it is. A text without a line there stays English.
 */
@Component
public class CaseTexts {

  private static final String SEPARATOR = " => ";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private record Entry(Pattern english, List<String> names, String translated) {}

  private record Catalogue(Map<String, String> literal, List<Entry> patterns) {}

  private final Map<String, Catalogue> catalogues = new HashMap<>();

  public CaseTexts() {
    catalogues.put("zh", load("notifications/case-texts_zh.txt"));
  }

  private CaseTexts(String language, String resource) {
    catalogues.put(language, load(resource));
  }

  /**
   * Texts of another kind written the same way (English with {@code {name}} parts {@code =>} the translation), from
   * one resource for one language: the refusals staff read, the timeline as staff read it.
   */
  public static CaseTexts catalogue(String language, String resource) {
    return new CaseTexts(language, resource);
  }

  /** The text in {@code language} (a tag such as {@code zh} or {@code zh-CN}); English when null or unknown. */
  public String in(String language, String text) {
    if (text == null || language == null) {
      return text;
    }
    Catalogue catalogue = catalogues.get(language.toLowerCase(Locale.ROOT).split("-")[0]);
    if (catalogue == null) {
      return text;
    }
    String literal = catalogue.literal().get(text);
    if (literal != null) {
      return literal;
    }
    for (Entry entry : catalogue.patterns()) {
      Matcher m = entry.english().matcher(text);
      if (m.matches()) {
        String result = entry.translated();
        for (int i = 0; i < entry.names().size(); i++) {
          // a carried-over part may itself be a known text (a reason from a rule table)
          result = result.replace("{" + entry.names().get(i) + "}", in(language, m.group(i + 1)));
        }
        return result;
      }
    }
    return text;
  }

  /** Whether {@code language} has a line for this exact text (for the designers' completeness check). */
  public boolean knows(String language, String text) {
    Catalogue catalogue = catalogues.get(language);
    return catalogue != null && !in(language, text).equals(text);
  }

  private static Catalogue load(String resource) {
    Map<String, String> literal = new HashMap<>();
    List<Entry> patterns = new ArrayList<>();
    try (InputStream in = CaseTexts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        int at = line.indexOf(SEPARATOR);
        if (line.isBlank() || line.startsWith("#") || at < 0) {
          continue;
        }
        String english = line.substring(0, at).strip();
        String translated = line.substring(at + SEPARATOR.length()).strip();
        if (!PLACEHOLDER.matcher(english).find()) {
          literal.putIfAbsent(english, translated);
          continue;
        }
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(english);
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(english.substring(last, m.start()))).append("(.+?)");
          names.add(m.group(1));
          last = m.end();
        }
        regex.append(Pattern.quote(english.substring(last)));
        patterns.add(new Entry(Pattern.compile(regex.toString(), Pattern.DOTALL), names, translated));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Catalogue(literal, patterns);
  }
}
