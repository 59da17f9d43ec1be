package org.aftersales.cases.documents;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of document a case takes, each recognised by the magic bytes its content starts with: what a
 * client declares (file name, part Content-Type) is never enough on its own.
 */
public enum DocumentType {
  JPEG("image/jpeg", "jpg", List.of("image/jpg", "image/pjpeg"), true),
  PNG("image/png", "png", List.of("image/x-png"), true),
  WEBP("image/webp", "webp", List.of(), true),
  PDF("application/pdf", "pdf", List.of("application/x-pdf"), false);

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PDF_SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WEBP_MARK = "WEBP".getBytes(StandardCharsets.US_ASCII);

  private final String mediaType;
  private final String extension;
  private final List<String> aliases;
  private final boolean image;

  DocumentType(String mediaType, String extension, List<String> aliases, boolean image) {
    this.mediaType = mediaType;
    this.extension = extension;
    this.aliases = aliases;
    this.image = image;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The file name extension a document of this type gets, without the dot. */
  public String extension() {
    return extension;
  }

  /** Whether browsers may show it in place; anything else is served as a download. */
  public boolean image() {
    return image;
  }

  /** Whether a declared media type ({@code image/jpg} for JPEG, say) names this type. */
  boolean isNamedBy(String declared) {
    String bare = declared.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return mediaType.equals(bare) || aliases.contains(bare);
  }

  /** The type the content really has, from its first bytes; empty for anything else (HTML, scripts, archives). */
  public static Optional<DocumentType> of(byte[] content) {
    if (startsWith(content, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(content, 0, JPEG_SIGNATURE)) {
      return Optional.of(JPEG);
    }
    if (startsWith(content, 0, RIFF) && startsWith(content, 8, WEBP_MARK)) {
      return Optional.of(WEBP);
    }
    if (startsWith(content, 0, PDF_SIGNATURE)) {
      return Optional.of(PDF);
    }
    return Optional.empty();
  }

  /** The type with this media type, if it is one of ours. */
  public static Optional<DocumentType> forMediaType(String mediaType) {
    return Arrays.stream(values()).filter(t -> t.mediaType.equalsIgnoreCase(mediaType.strip())).findFirst();
  }

  private static boolean startsWith(byte[] content, int offset, byte[] signature) {
    if (content.length < offset + signature.length) {
      return false;
    }
    return Arrays.equals(content, offset, offset + signature.length, signature, 0, signature.length);
  }
}
