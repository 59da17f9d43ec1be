package org.aftersales.cases.documents;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Makes a client's file name safe to store, to show in Markdown and Tasklist forms and to send back in
 * {@code Content-Disposition}: no folders, no control characters, quotes, brackets or markup, no leading dots,
 * at most {@value #MAX_LENGTH} characters, and an extension that matches what the content really is.
 */
final class FileNames {

  static final int MAX_LENGTH = 100;
  private static final String FALLBACK = "document";

  private FileNames() {}

  static String sanitise(String original, DocumentType type) {
    String name = original == null ? "" : original;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = Normalizer.normalize(name, Normalizer.Form.NFC)
        .replaceAll("[^\\p{L}\\p{M}\\p{N} ._-]", "_")
        .replaceAll("\\s+", " ")
        .replaceAll("_{2,}", "_")
        .replaceAll("^[ ._-]+", "")
        .strip();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String base = dot < 0 ? name : name.substring(0, dot);
    if (!extensions(type).contains(extension)) {
      extension = type.extension();
    }
    base = cut(base, MAX_LENGTH - extension.length() - 1).replaceAll("[ ._-]+$", "");
    return (base.isEmpty() ? FALLBACK : base) + "." + extension;
  }

  private static List<String> extensions(DocumentType type) {
    return type == DocumentType.JPEG ? List.of("jpg", "jpeg") : List.of(type.extension());
  }

  /** At most {@code max} characters, never half of a surrogate pair. */
  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
