package org.aftersales.cases.documents;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a case takes in documents ({@code aftersales.documents.*}).
 *
 * @param maxSize      the largest document (10MB is 10 MiB); on MySQL / MariaDB it must also fit in the server's
 *                     {@code max_allowed_packet}
 * @param maxPerCase   the most documents one case holds
 * @param allowedTypes the media types taken, each recognised by its content: a subset of {@link DocumentType}
 */
@ConfigurationProperties("aftersales.documents")
public record DocumentProperties(
    @DefaultValue("10MB") DataSize maxSize,
    @DefaultValue("20") int maxPerCase,
    @DefaultValue({"image/jpeg", "image/png", "image/webp", "application/pdf"}) List<String> allowedTypes) {

  public DocumentProperties {
    if (maxSize.toBytes() <= 0 || maxPerCase <= 0) {
      throw new IllegalArgumentException("aftersales.documents.max-size and max-per-case must be positive");
    }
    for (String type : allowedTypes) {
      if (DocumentType.forMediaType(type).isEmpty()) {
        throw new IllegalArgumentException("aftersales.documents.allowed-types: " + type + " is not a type that can "
            + "be recognised by its content; use some of " + List.of(DocumentType.values()).stream()
                .map(DocumentType::mediaType).toList());
      }
    }
  }

  /** The allowed types. */
  public Set<DocumentType> allowed() {
    Set<DocumentType> allowed = EnumSet.noneOf(DocumentType.class);
    allowedTypes.forEach(type -> allowed.add(DocumentType.forMediaType(type).orElseThrow()));
    return allowed;
  }
}
