package org.aftersales.cases.documents;

import java.time.Instant;

/**
 * A document of a case as stored in {@code as_case_document}, without its bytes: the sanitised file name, the
 * type recognised from the content, the API user who uploaded it and the party it was added for.
 */
public record CaseDocument(String documentId, String caseId, String fileName, DocumentType type, long size,
    String sha256, String description, String uploadedBy, Party party, String partyId, Instant uploadedAt) {

  /** Where the API serves its bytes. */
  public String href() {
    return "/api/cases/" + caseId + "/documents/" + documentId;
  }
}
