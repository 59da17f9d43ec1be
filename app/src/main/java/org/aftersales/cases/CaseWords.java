package org.aftersales.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The codes the flows store (NOT_AS_DESCRIBED, SELLER, HOME_APPLIANCE, ...) as words staff read on forms, from
 * {@code cases/case-words.properties}: "与描述不符（Not as described）", Chinese first and the English word after it,
 * so that one form serves Chinese- and English-speaking staff. A code without a line stays as it is.
 */
@Component
public class CaseWords {

  private static final String RESOURCE = "cases/case-words.properties";

  private final Properties words = new Properties();

  public CaseWords() {
    try (InputStream in = CaseWords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + RESOURCE);
      }
      words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "中文（English）" for a known code, the code itself otherwise; null stays null. */
  public String of(Object code) {
    if (code == null) {
      return null;
    }
    String line = words.getProperty(code.toString());
    if (line == null) {
      return code.toString();
    }
    int bar = line.indexOf('|');
    return bar < 0 ? line : line.substring(0, bar) + "（" + line.substring(bar + 1) + "）";
  }

  /** Only the Chinese word of a known code, the code itself otherwise. */
  public String zh(Object code) {
    if (code == null) {
      return null;
    }
    String line = words.getProperty(code.toString());
    return line == null ? code.toString() : line.split("\\|")[0];
  }
}
