package org.aftersales.cases.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aftersales.cases.OpenCaseRequest;
import org.aftersales.cases.SellerOfLogin;
import org.aftersales.cases.documents.CaseDocumentService.Caller;
import org.aftersales.cases.documents.CaseDocumentService.Download;
import org.aftersales.cases.documents.CaseDocumentService.Upload;
import org.aftersales.system.security.Role;
import org.aftersales.system.web.IdempotencyService;
import org.aftersales.system.web.NotFoundException;
import org.aftersales.system.web.UnsupportedContentException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Photos and documents of a case: customers and sellers add them through the shop integration (acting for the
 * customer in {@code X-Customer-Id}, or for the seller in {@code sellerId}), staff add them with their own login,
 * and everyone reads them as links; staff also from Tasklist forms with their webapp login.
 */
@RestController
@RequestMapping("/api/cases/{caseId}/documents")
@Tag(name = "Case documents", description = "Photos and documents attached to a case")
@Validated
public class CaseDocumentController {

  static final String CUSTOMER_HEADER = "X-Customer-Id";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  /** Shown in place by a browser only if an image; never run as anything else. */
  static final String SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

  /** The documents of a case and how many it may hold. */
  public record DocumentList(String caseId, int maxDocuments, List<DocumentView> documents) {}

  /** The multipart form of an upload, as the API description shows it. */
  @Schema(name = "DocumentUpload")
  record UploadForm(
      @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
          description = "the photo or document: JPEG, PNG, WebP or PDF") String file,
      @Schema(maxLength = CaseDocumentService.MAX_DESCRIPTION, description = "what it shows, plain text")
      String description) {}

  /** What identifies an upload for {@code Idempotency-Key}: the same file, description and party. */
  record UploadFingerprint(String fileName, String declaredType, String sha256, String description,
      String customerId, String sellerId) {}

  private final CaseDocumentService documents;
  private final IdempotencyService idempotency;
  private final SellerOfLogin sellers;

  public CaseDocumentController(CaseDocumentService documents, IdempotencyService idempotency, SellerOfLogin sellers) {
    this.documents = documents;
    this.idempotency = idempotency;
    this.sellers = sellers;
  }

  @PostMapping
  @Operation(summary = "Add a photo or document to a case", description = "multipart/form-data with the file in "
      + "part 'file' and an optional plain-text 'description' (at most 500 characters). JPEG, PNG and WebP images "
      + "and PDF documents, recognised by their content (the declared type must agree, or be "
      + "application/octet-stream); at most aftersales.documents.max-size (10 MiB) each and "
      + "aftersales.documents.max-per-case (20) per case. A shop integration names the party it acts for: the "
      + "customer in X-Customer-Id or the seller in sellerId (the case's seller); staff add documents as agents. "
      + "Open cases only (closed: 409). Adds a timeline entry. 400 for missing or invalid fields, 413 for a file "
      + "too large, 415 for content of another type; none of them stores anything.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class)))
  @ApiResponse(responseCode = "201", description = "Added; Location is the link to its bytes",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = DocumentView.class)))
  public ResponseEntity<?> add(@PathVariable String caseId,
      @Parameter(hidden = true) @RequestPart(name = "file", required = false) MultipartFile file,
      @Parameter(hidden = true) @RequestParam(required = false) String description,
      @Parameter(description = "the seller a shop integration acts for (the case's seller)")
      @RequestParam(required = false) @Pattern(regexp = OpenCaseRequest.ID) String sellerId,
      @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
      @Parameter(description = "the customer a customer-facing caller acts for")
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor,
      @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      Authentication caller) {
    requireMultipart(contentType);
    Upload upload = file == null ? new Upload(null, null, null, description)
        : new Upload(file.getOriginalFilename(), file.getContentType(), bytes(file), description);
    UploadFingerprint fingerprint = new UploadFingerprint(upload.fileName(), upload.declaredType(),
        upload.content() == null ? null : CaseDocumentService.sha256(upload.content()), description, actingFor, sellerId);
    return idempotency.execute(caller.getName() + ":document:" + caseId, idempotencyKey, fingerprint, () -> {
      DocumentView added = documents.add(caseId, upload, caller(caller, actingFor, sellerId));
      return ResponseEntity.created(URI.create(added.href())).body(added);
    });
  }

  @GetMapping
  @Operation(summary = "List a case's documents", description = "Metadata and links, oldest first. A caller acting "
      + "for a customer (X-Customer-Id) or a seller (sellerId) sees only that one's cases; so does a seller's login.")
  public DocumentList list(@PathVariable String caseId,
      @Parameter(description = "the seller a shop integration acts for")
      @RequestParam(required = false) @Pattern(regexp = OpenCaseRequest.ID) String sellerId,
      @Parameter(description = "the customer a customer-facing caller acts for")
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor, Authentication caller) {
    return new DocumentList(caseId, documents.limits().maxPerCase(),
        documents.list(caseId, caller(caller, actingFor, sellerId)));
  }

  @GetMapping("/{documentId}")
  @Operation(summary = "The bytes of a document", description = "With its recognised type; images in place, "
      + "anything else (PDF) as a download. Staff may also open it with their Tasklist or Cockpit login.")
  @ApiResponse(responseCode = "200", description = "The document", content = {
      @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
      @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
      @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")),
      @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))})
  public ResponseEntity<byte[]> download(@PathVariable String caseId, @PathVariable String documentId,
      @Parameter(description = "the seller a shop integration acts for")
      @RequestParam(required = false) @Pattern(regexp = OpenCaseRequest.ID) String sellerId,
      @Parameter(description = "the customer a customer-facing caller acts for")
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor, Authentication caller) {
    Download download = documents.download(caseId, documentId, caller(caller, actingFor, sellerId));
    CaseDocument document = download.document();
    ContentDisposition.Builder disposition =
        ContentDisposition.builder(document.type().image() ? "inline" : "attachment");
    // sanitised names hold no quotes; plain ASCII ones go as they are, others encoded (RFC 6266)
    if (StandardCharsets.US_ASCII.newEncoder().canEncode(document.fileName())) {
      disposition.filename(document.fileName());
    } else {
      disposition.filename(document.fileName(), StandardCharsets.UTF_8);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.type().mediaType()))
        .contentLength(download.content().length)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", SANDBOX)
        .eTag('"' + document.sha256() + '"')
        .body(download.content());
  }

  private Caller caller(Authentication caller, String actingFor, String sellerId) {
    Optional<String> seller = sellers.sellerOf(caller);
    if (seller.isPresent()) {
      // a seller's login acts for its own seller, whatever it names: another seller's case is unknown (404)
      if (actingFor != null || (sellerId != null && !sellerId.equals(seller.get()))) {
        throw new NotFoundException("No case is known to your login for the customer or seller named.");
      }
      return new Caller(caller.getName(), true, null, seller.get());
    }
    boolean integration = caller.getAuthorities().stream()
        .anyMatch(a -> Role.SHOP_INTEGRATION.groupId().equals(a.getAuthority()));
    return new Caller(caller.getName(), integration, actingFor, sellerId);
  }

  /** Checked here rather than by the mapping, so that the answer is a problem like every other. */
  static void requireMultipart(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
      throw new UnsupportedContentException("Send multipart/form-data with the document in a part named 'file', not "
          + (contentType == null ? "a body without Content-Type" : contentType) + ".");
    }
  }

  static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("The uploaded file could not be read", e);
    }
  }
}
