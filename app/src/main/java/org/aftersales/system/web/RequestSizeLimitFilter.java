package org.aftersales.system.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies above {@code aftersales.api.max-body-size} on {@code /api} and {@code /simulators} with
 * 413 before anything reads them, whether the client declares the length or streams it (a streamed body is cut
 * off when it passes the limit: the reader's {@link BodyTooLargeException} becomes the same 413, see
 * {@link ApiExceptionHandler}). A document upload ({@code POST /api/cases/{caseId}/documents}) may be larger by
 * {@code aftersales.documents.max-size}. The engine REST API takes at most {@code aftersales.engine-rest.max-body-size}
 * (a deployment of every model and form). The answer says what the limit is for and, for a case, where larger things go.
 */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  private static final Pattern UPLOAD = Pattern.compile("/api/cases/[^/]+/documents/?");

  private final long maxBytes;
  private final long maxUploadBytes;
  private final long maxEngineRestBytes;
  private final ObjectMapper objectMapper;

  public RequestSizeLimitFilter(@Value("${aftersales.api.max-body-size:64KB}") DataSize maxBodySize,
      @Value("${aftersales.documents.max-size:10MB}") DataSize maxDocumentSize,
      @Value("${aftersales.engine-rest.max-body-size:4MB}") DataSize maxEngineRestSize, ObjectMapper objectMapper) {
    this.maxEngineRestBytes = maxEngineRestSize.toBytes();
    this.maxBytes = maxBodySize.toBytes();
    this.maxUploadBytes = maxBytes + maxDocumentSize.toBytes();
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.startsWith("/api/") || path.startsWith("/simulators/") || path.startsWith("/engine-rest/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean upload = "POST".equals(request.getMethod()) && UPLOAD.matcher(path).matches();
    long limit = path.startsWith("/engine-rest/") ? maxEngineRestBytes : upload ? maxUploadBytes : maxBytes;
    String detail = detail(path, limit, upload);
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, detail);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, limit, detail);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (limited.exceeded && !response.isCommitted()) {
        response.reset();
        tooLarge(response, detail);
        return;
      }
      throw e;
    }
  }

  /** What the limit is and what to do instead, for the endpoint the body was sent to. */
  private String detail(String path, long limit, boolean upload) {
    String larger = "The body is larger than " + limit + " bytes, the most " + path + " takes. ";
    if (upload) {
      return larger + "Send a smaller file: a document may have at most " + (maxUploadBytes - maxBytes) + " bytes.";
    }
    return path.startsWith("/api/cases")
        ? larger + "Send less (add photos and documents through POST /api/cases/{caseId}/documents)."
        : larger + "Send less.";
  }

  private void tooLarge(HttpServletResponse response, String detail) throws IOException {
    var problem = ApiExceptionHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large", detail);
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }

  /** Reading a body stopped at the limit; its message is the detail for the caller. */
  public static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(String detail) {
      super(detail);
    }
  }

  /** Counts what is read and fails once the limit is passed. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long max;
    private final String detail;
    private boolean exceeded;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long max, String detail) {
      super(request);
      this.max = max;
      this.detail = detail;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long count;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              check(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              check(n);
            }
            return n;
          }

          private void check(int n) throws IOException {
            count += n;
            if (count > max) {
              exceeded = true;
              throw new BodyTooLargeException(detail);
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
