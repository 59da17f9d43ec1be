package org.aftersales;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A plain HTTP client for tests against the running application. Credentials are "user" (a demo user,
 * whose password is its id) or "user:password"; null sends none. With cookies it keeps a session, as a
 * browser does for the webapps.
 */
public final class TestHttp {

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  private final HttpClient client;
  private final CookieManager cookies;
  private final String base;

  private TestHttp(String base, CookieManager cookies) {
    this.base = base;
    this.cookies = cookies;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (cookies != null) {
      builder.cookieHandler(cookies);
    }
    this.client = builder.build();
  }

  public static TestHttp on(int port) {
    return new TestHttp("http://localhost:" + port, null);
  }

  /** A client that keeps cookies, as a browser does for the webapps. */
  public static TestHttp browser(int port) {
    return new TestHttp("http://localhost:" + port, new CookieManager());
  }

  public Response get(String path, String credentials) {
    return send("GET", path, credentials, null, null, Map.of());
  }

  public Response postJson(String path, String credentials, String json) {
    return send("POST", path, credentials, "application/json", json, Map.of());
  }

  public Response send(String method, String path, String credentials, String contentType, String body,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (credentials != null) {
      String pair = credentials.contains(":") ? credentials : credentials + ":" + credentials;
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of a cookie this client holds, or null. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }
}
