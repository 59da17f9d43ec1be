package org.aftersales.cases.documents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A case document as the API shows it: what it is, who added it for whom, and the link to its bytes. */
public record DocumentView(
    String documentId,
    @Schema(description = "sanitised; its extension matches the content") String fileName,
    @Schema(description = "recognised from the content", example = "image/png") String contentType,
    @Schema(description = "bytes") long size,
    @Schema(description = "SHA-256 of the content, hex") String sha256,
    String description,
    @Schema(description = "on whose behalf it was added") Party addedBy,
    OffsetDateTime addedAt,
    @Schema(description = "GET this for the bytes", example = "/api/cases/AS-20261120-ABC123/documents/D-7K2M9Q4XPR3T")
    String href) {

  public static DocumentView of(CaseDocument d) {
    return new DocumentView(d.documentId(), d.fileName(), d.type().mediaType(), d.size(), d.sha256(), d.description(),
        d.party(), d.uploadedAt().atOffset(ZoneOffset.UTC), d.href());
  }
}
