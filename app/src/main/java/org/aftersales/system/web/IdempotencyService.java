package org.aftersales.system.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@code Idempotency-Key} rule of the API: the same key with the same body returns the first answer
 * again and changes nothing; the same key with another body gets 409. Keys are scoped per caller and
 * endpoint. The answer is stored in the same transaction as the change it describes, so a crash leaves
 * either both or neither. Failed requests store nothing, so the client may retry them.
 *
 * <p>A key is bound to the acting party: the logged-in user and, when it acts for a customer, the customer it
 * names in {@code X-Customer-Id}. The same key sent for another customer is a new request, run (and its access
 * checked) as that customer's; it never answers with the first customer's case.
 */
@Service
public class IdempotencyService {

  static final String CUSTOMER_HEADER = "X-Customer-Id";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper objectMapper;
  private final Clock clock;

  public IdempotencyService(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper objectMapper, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.objectMapper = objectMapper;
    this.clock = clock;
  }

  /**
   * Runs {@code action} once per (scope and acting customer, key); without a key it simply runs. {@code request} is what
   * identifies the body (the parsed request object).
   */
  public <T> ResponseEntity<?> execute(String callerScope, String key, Object request, Supplier<ResponseEntity<T>> action) {
    if (key == null) {
      return transactions.execute(status -> action.get());
    }
    if (key.isBlank() || key.length() > 200) {
      throw new InvalidRequestException("Idempotency-Key", "must be 1 to 200 characters");
    }
    String scope = boundToActingParty(callerScope);
    String hash = hash(request);
    ResponseEntity<?> replay = replay(scope, key, hash);
    if (replay != null) {
      return replay;
    }
    try {
      return transactions.execute(status -> {
        ResponseEntity<T> response = action.get();
        jdbc.update("INSERT INTO as_idempotency (scope, idempotency_key, request_hash, response_status, "
                + "response_location, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            scope, key, hash, response.getStatusCode().value(),
            response.getHeaders().getLocation() == null ? null : response.getHeaders().getLocation().toString(),
            json(response.getBody()), Timestamp.from(clock.instant()));
        return response;
      });
    } catch (DuplicateKeyException raced) {
      // a concurrent request with the same key won; answer as it did
      ResponseEntity<?> winner = replay(scope, key, hash);
      if (winner == null) {
        throw new ConflictException("A request with this Idempotency-Key is being processed; try again shortly.");
      }
      return winner;
    }
  }

  /** The scope with the customer the caller acts for, from the current request's {@code X-Customer-Id}. */
  static String boundToActingParty(String scope) {
    String customer = null;
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      customer = attributes.getRequest().getHeader(CUSTOMER_HEADER);
    }
    if (customer == null) {
      return scope;
    }
    if (customer.length() > 64) {
      throw new InvalidRequestException(CUSTOMER_HEADER, "must be a customer id of at most 64 characters");
    }
    return scope + "|for:" + customer;
  }

  private ResponseEntity<?> replay(String scope, String key, String hash) {
    List<ResponseEntity<?>> found = jdbc.query(
        "SELECT request_hash, response_status, response_location, response_body FROM as_idempotency "
            + "WHERE scope = ? AND idempotency_key = ?",
        (rs, row) -> {
          if (!rs.getString("request_hash").equals(hash)) {
            throw new ConflictException("This Idempotency-Key was already used with a different request body. "
                + "Use a new key for a new request.");
          }
          HttpHeaders headers = new HttpHeaders();
          if (rs.getString("response_location") != null) {
            headers.setLocation(URI.create(rs.getString("response_location")));
          }
          headers.setContentType(MediaType.APPLICATION_JSON);
          headers.set("Idempotent-Replayed", "true");
          String body = rs.getString("response_body");
          return ResponseEntity.status(HttpStatus.valueOf(rs.getInt("response_status"))).headers(headers)
              .body(body == null ? null : parse(body));
        },
        scope, key);
    return found.isEmpty() ? null : found.get(0);
  }

  private String hash(Object request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String json(Object value) {
    try {
      return value == null ? null : objectMapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object parse(String body) {
    try {
      return objectMapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
