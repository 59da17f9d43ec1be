package org.aftersales.cases.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The documents of the cases, metadata and bytes, in {@code as_case_document}. */
@Repository
public class CaseDocuments {

  private static final String COLUMNS = "document_id, case_id, file_name, content_type, size_bytes, sha256, "
      + "description, uploaded_by, on_behalf_of, on_behalf_of_id, uploaded_at";

  private final JdbcTemplate jdbc;

  public CaseDocuments(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(CaseDocument d, byte[] content) {
    jdbc.update("INSERT INTO as_case_document (" + COLUMNS + ", content) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        d.documentId(), d.caseId(), d.fileName(), d.type().mediaType(), d.size(), d.sha256(), d.description(),
        d.uploadedBy(), d.party().name(), d.partyId(), Timestamp.from(d.uploadedAt()), content);
  }

  /** The documents of a case, oldest first. */
  public List<CaseDocument> list(String caseId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_case_document WHERE case_id = ? ORDER BY uploaded_at, document_id",
        (rs, n) -> map(rs), caseId);
  }

  public int count(String caseId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case_document WHERE case_id = ?", Integer.class, caseId);
  }

  public Optional<CaseDocument> find(String caseId, String documentId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM as_case_document WHERE case_id = ? AND document_id = ?",
        (rs, n) -> map(rs), caseId, documentId).stream().findFirst();
  }

  public Optional<byte[]> content(String caseId, String documentId) {
    return jdbc.query("SELECT content FROM as_case_document WHERE case_id = ? AND document_id = ?",
        (rs, n) -> rs.getBytes(1), caseId, documentId).stream().findFirst();
  }

  private static CaseDocument map(ResultSet rs) throws SQLException {
    return new CaseDocument(rs.getString("document_id"), rs.getString("case_id"), rs.getString("file_name"),
        DocumentType.forMediaType(rs.getString("content_type")).orElseThrow(), rs.getLong("size_bytes"),
        rs.getString("sha256"), rs.getString("description"), rs.getString("uploaded_by"),
        Party.valueOf(rs.getString("on_behalf_of")), rs.getString("on_behalf_of_id"),
        rs.getTimestamp("uploaded_at").toInstant());
  }
}
