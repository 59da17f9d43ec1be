package org.aftersales.system.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * What every client of an outside system shares: a {@link RestClient} over the JDK HTTP client with
 * connect and read timeouts and HTTP Basic, and a retry loop with growing back-off for failures that may
 * pass (I/O errors, timeouts, 5xx). Calls are only retried when they carry an idempotency key.
 */
public final class OutboundHttp {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundHttp.class);

  /** Connection settings of one outside system. */
  public record Settings(String username, String password, Duration connectTimeout, Duration readTimeout,
      int maxAttempts, Duration backoff) {}

  private static final Map<ClientKey, RestClient> CLIENTS = new ConcurrentHashMap<>();

  private OutboundHttp() {}

  /**
   * The client for an outside system, built once per base URL and settings and then shared: a JDK
   * {@link HttpClient} keeps its connections (keep-alive) and a selector thread of its own, so building one per
   * call opened a connection and started a thread per call.
   */
  public static RestClient client(String baseUrl, Settings settings) {
    return CLIENTS.computeIfAbsent(new ClientKey(baseUrl, settings), key -> build(key.baseUrl(), key.settings()));
  }

  private record ClientKey(String baseUrl, Settings settings) {}

  private static RestClient build(String baseUrl, Settings settings) {
    // the shared, bounded threads (OutboundExecutors) rather than the client's own cached pool and a new thread per
    // request body (Spring's default when the client has no executor)
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .executor(OutboundExecutors.HTTP_CLIENT).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http, OutboundExecutors.BODY_WRITERS);
    factory.setReadTimeout(settings.readTimeout());
    RestClient.Builder builder = RestClient.builder().baseUrl(baseUrl).requestFactory(factory);
    if (settings.username() != null && !settings.username().isBlank()) {
      builder.defaultHeaders(h -> h.setBasicAuth(settings.username(), settings.password()));
    }
    return builder.build();
  }

  /** Whether a failure may pass on its own: no answer, or a 5xx / 429 answer. */
  public static boolean transientFailure(RuntimeException e) {
    if (e instanceof ResourceAccessException) {
      return true;
    }
    return e instanceof RestClientResponseException r
        && (r.getStatusCode().is5xxServerError() || r.getStatusCode().value() == 429);
  }

  /**
   * Runs {@code call} up to {@code maxAttempts} times while it fails transiently, waiting backoff, 2 x
   * backoff, ... between attempts; the last failure is passed to {@code giveUp}.
   */
  public static <T> T withRetries(String what, Settings settings, Supplier<T> call,
      java.util.function.Function<RuntimeException, RuntimeException> giveUp) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= Math.max(1, settings.maxAttempts()); attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!transientFailure(e)) {
          throw e;
        }
        last = e;
        LOG.warn("{}: attempt {} of {} failed: {}", what, attempt, settings.maxAttempts(), e.getMessage());
        if (attempt < settings.maxAttempts()) {
          pause(settings.backoff().multipliedBy(attempt));
        }
      }
    }
    throw giveUp.apply(last);
  }

  /** Whether a status code says the request was refused for its content. */
  public static Predicate<RestClientResponseException> status(int... codes) {
    return e -> java.util.Arrays.stream(codes).anyMatch(c -> c == e.getStatusCode().value());
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to retry", e);
    }
  }
}
