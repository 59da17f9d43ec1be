package org.aftersales.system.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Used by the simulators to call back like a real provider: asynchronously, retrying a few times with
 * growing delays while the receiver fails or answers 5xx (a 503 "not ready yet" included); a 2xx or 4xx
 * answer ends delivery. Each attempt is signed as {@link org.aftersales.system.http.CallbackSignature} says, with
 * the time of that attempt, when a signing secret is configured.
 */
public class CallbackSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

  /** Times as ISO-8601 text with offset, as the API's conventions say, whatever the callback record holds. */
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
      .findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final ScheduledExecutorService executor;
  private final OutboundHttp.Settings settings;
  private final int maxAttempts;
  private final String signingSecret;
  private final java.time.Clock clock;

  public CallbackSender(String name, OutboundHttp.Settings settings, int maxAttempts, String signingSecret,
      java.time.Clock clock) {
    this.signingSecret = signingSecret;
    this.clock = clock;
    this.executor = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, name + "-callbacks");
      thread.setDaemon(true);
      return thread;
    });
    this.settings = settings;
    this.maxAttempts = maxAttempts;
  }

  /** Runs {@code task} after {@code delay} on the sender's own threads. */
  public void schedule(Runnable task, Duration delay) {
    executor.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("Simulated provider task failed: {}", e.getMessage());
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Posts {@code body} to {@code url} now, retrying in the background as a provider would. */
  public void send(String url, Object body) {
    attempt(url, body, 1);
  }

  private void attempt(String url, Object body, int attempt) {
    executor.execute(() -> {
      try {
        RestClient client = OutboundHttp.client(url, settings);
        byte[] json = JSON.writeValueAsBytes(body);
        long now = clock.instant().getEpochSecond();
        client.post().contentType(MediaType.APPLICATION_JSON).headers(headers -> {
          if (signingSecret != null && !signingSecret.isBlank()) {
            headers.set(CallbackSignature.TIMESTAMP_HEADER, Long.toString(now));
            headers.set(CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(signingSecret, now, json));
          }
        }).body(json).retrieve().toBodilessEntity();
      } catch (RestClientResponseException e) {
        if (e.getStatusCode().is4xxClientError()) {
          LOG.warn("Callback to {} refused ({}): {}", url, e.getStatusCode(), e.getResponseBodyAsString());
          return;
        }
        retry(url, body, attempt, e);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        LOG.warn("Callback to {} not sent: {}", url, e.getMessage());
      } catch (RuntimeException e) {
        retry(url, body, attempt, e);
      }
    });
  }

  private void retry(String url, Object body, int attempt, RuntimeException e) {
    if (attempt >= maxAttempts) {
      LOG.warn("Callback to {} given up after {} attempts: {}", url, attempt, e.getMessage());
      return;
    }
    executor.schedule(() -> attempt(url, body, attempt + 1), settings.backoff().toMillis() * attempt,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
