package org.aftersales.cases.documents;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseRequestValidator;
import org.aftersales.cases.CaseService;
import org.aftersales.cases.CaseStatus;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.InvalidRequestException.FieldProblem;
import org.aftersales.system.web.NotFoundException;
import org.aftersales.system.web.PayloadTooLargeException;
import org.aftersales.system.web.UnsupportedContentException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds documents to cases and hands them out. Everything about the upload is checked before anything is written
 * (size, type by content, the party it comes from, the case's state and its document count), and the document,
 * its timeline entry and the answer are written in one transaction. A caller acting for a customer or a seller
 * reaches only the cases of that customer or seller; for others a case is unknown (404), as elsewhere in the API.
 */
@Service
public class CaseDocumentService {

  /** A file as received: the name and type the client declared, the bytes, and an optional description. */
  public record Upload(String fileName, String declaredType, byte[] content, String description) {}

  /**
   * Who asks: the API user, whether it is a shop integration (which always acts for a customer or a seller),
   * and the customer ({@code X-Customer-Id}) or seller ({@code sellerId}) it acts for, if any.
   */
  public record Caller(String user, boolean integration, String customerId, String sellerId) {

    /** On whose behalf: the customer or seller named, or else the staff member themselves. */
    Party party() {
      return customerId != null ? Party.CUSTOMER : sellerId != null ? Party.SELLER : Party.AGENT;
    }

    String partyId() {
      return switch (party()) {
        case CUSTOMER -> customerId;
        case SELLER -> sellerId;
        case AGENT -> user;
      };
    }
  }

  /** A document with its bytes. */
  public record Download(CaseDocument document, byte[] content) {}

  static final int MAX_DESCRIPTION = 500;

  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final CaseProgress progress;
  private final DocumentProperties limits;
  private final Clock clock;

  public CaseDocumentService(CaseDocuments documents, CaseRepository cases, CaseProgress progress,
      DocumentProperties limits, Clock clock) {
    this.documents = documents;
    this.cases = cases;
    this.progress = progress;
    this.limits = limits;
    this.clock = clock;
  }

  @Transactional
  public DocumentView add(String caseId, Upload upload, Caller caller) {
    String description = checkFields(upload, caller);
    DocumentType type = checkContent(upload);
    CaseRecord c = visible(cases.findForUpdate(caseId).orElseThrow(() -> CaseService.unknown(caseId)), caller);
    if (c.status() == CaseStatus.CLOSED) {
      throw new ConflictException("Case " + caseId + " is closed (" + c.outcome() + "); documents can be added to open "
          + "cases only.");
    }
    if (documents.count(caseId) >= limits.maxPerCase()) {
      throw new ConflictException("Case " + caseId + " has " + limits.maxPerCase() + " documents already, the most a "
          + "case may hold.");
    }
    CaseDocument document = new CaseDocument("D-" + CaseService.readableCode(12), caseId,
        FileNames.sanitise(upload.fileName(), type), type, upload.content().length, sha256(upload.content()),
        description, caller.user(), caller.party(), caller.partyId(), clock.instant());
    documents.insert(document, upload.content());
    progress.record(caseId, "DOCUMENT_ADDED", "Document added: " + document.fileName() + " by "
        + document.party().word(), caller.user());
    return DocumentView.of(document);
  }

  @Transactional(readOnly = true)
  public List<DocumentView> list(String caseId, Caller caller) {
    checkParty(caller);
    visible(cases.find(caseId).orElseThrow(() -> CaseService.unknown(caseId)), caller);
    return documents.list(caseId).stream().map(DocumentView::of).toList();
  }

  @Transactional(readOnly = true)
  public Download download(String caseId, String documentId, Caller caller) {
    checkParty(caller);
    visible(cases.find(caseId).orElseThrow(() -> CaseService.unknown(caseId)), caller);
    NotFoundException unknownDocument = new NotFoundException("Case " + caseId + " has no document " + documentId + ".");
    CaseDocument document = documents.find(caseId, documentId).orElseThrow(() -> unknownDocument);
    return new Download(document, documents.content(caseId, documentId).orElseThrow(() -> unknownDocument));
  }

  public DocumentProperties limits() {
    return limits;
  }

  /** The fields besides the content; returns the description to store (stripped, null if blank). */
  private static String checkFields(Upload upload, Caller caller) {
    List<FieldProblem> problems = new ArrayList<>(partyProblems(caller));
    if (caller.integration() && caller.customerId() == null && caller.sellerId() == null) {
      problems.add(new FieldProblem("X-Customer-Id", "or sellerId is required: name the customer or the seller "
          + "the document comes from"));
    }
    if (upload.content() == null || upload.content().length == 0) {
      problems.add(new FieldProblem("file", "is required: send the document as a non-empty multipart part named 'file'"));
    }
    String description = upload.description() == null || upload.description().isBlank() ? null
        : upload.description().strip();
    if (description != null && description.length() > MAX_DESCRIPTION) {
      problems.add(new FieldProblem("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    CaseRequestValidator.noMarkup("description", description, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return description;
  }

  private static void checkParty(Caller caller) {
    List<FieldProblem> problems = partyProblems(caller);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  private static List<FieldProblem> partyProblems(Caller caller) {
    return caller.customerId() != null && caller.sellerId() != null
        ? List.of(new FieldProblem("sellerId", "cannot be combined with X-Customer-Id: a caller acts for one customer "
            + "or one seller"))
        : List.of();
  }

  /** The type the content really has, if it is allowed, not too large, and what the client declared. */
  private DocumentType checkContent(Upload upload) {
    long max = limits.maxSize().toBytes();
    if (upload.content().length > max) {
      throw new PayloadTooLargeException("file: the document has " + upload.content().length + " bytes; a document "
          + "may have at most " + max + " bytes (" + String.format(java.util.Locale.ROOT, "%.1f", max / 1048576.0)
          + " MiB). Send a smaller file.");
    }
    Set<DocumentType> allowed = limits.allowed();
    String allowedText = allowed.stream().map(DocumentType::mediaType).collect(Collectors.joining(", "));
    DocumentType type = DocumentType.of(upload.content()).filter(allowed::contains).orElseThrow(() ->
        new UnsupportedContentException("file: the content is not one of the document types taken (" + allowedText
            + "), whatever its name or declared type says. Send a photo or a PDF."));
    String declared = upload.declaredType();
    if (declared != null && !declared.isBlank() && !declared.startsWith("application/octet-stream")
        && !type.isNamedBy(declared)) {
      throw new UnsupportedContentException("file: declared as " + declared + " but the content is "
          + type.mediaType() + ". Send the file with its own type, or as application/octet-stream.");
    }
    return type;
  }

  /** The case, if the caller may see it: one acting for a customer or seller sees only that one's cases. */
  private static CaseRecord visible(CaseRecord c, Caller caller) {
    boolean foreignCustomer = caller.customerId() != null && !caller.customerId().equals(c.customerId());
    boolean foreignSeller = caller.sellerId() != null && !caller.sellerId().equals(c.sellerId());
    if (foreignCustomer || foreignSeller) {
      throw CaseService.unknown(c.caseId());
    }
    return c;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
