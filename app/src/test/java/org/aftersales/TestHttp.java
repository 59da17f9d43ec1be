package org.aftersales;

import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for tests against the running application. Credentials are "user" (a demo user,
 * whose password is its id) or "user:password"; null sends none. With cookies it keeps a session, as a
 * browser does for the webapps. Sends JSON, form and multipart bodies; reads text or bytes.
 */
public final class TestHttp {

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  /** An answer read as bytes (a downloaded document). */
  public record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {
    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  /** One part of a multipart/form-data body: a field (no file name, no type) or a file. */
  public record Part(String name, String fileName, String contentType, byte[] content) {
    public static Part field(String name, String value) {
      return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Part file(String name, String fileName, String contentType, byte[] content) {
      return new Part(name, fileName, contentType, content);
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
    HttpResponse<String> response = exchange(request(method, path, credentials, contentType,
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body), headers), BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response.headers());
  }

  /** POSTs a multipart/form-data body made of the parts, in order. */
  public Response postMultipart(String path, String credentials, List<Part> parts, Map<String, String> headers) {
    String boundary = "----aftersales-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
          + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"") + "\r\n"
          + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n") + "\r\n";
      body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(part.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = exchange(request("POST", path, credentials, "multipart/form-data; boundary=" + boundary,
        BodyPublishers.ofByteArray(body.toByteArray()), headers), BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response.headers());
  }

  /** GETs the answer as bytes. */
  public Download download(String path, String credentials, Map<String, String> headers) {
    HttpResponse<byte[]> response = exchange(request("GET", path, credentials, null, BodyPublishers.noBody(), headers),
        BodyHandlers.ofByteArray());
    return new Download(response.statusCode(), response.body(), response.headers());
  }

  /** Logs in to a Camunda webapp (tasklist, cockpit, admin) as a browser does; keeps the session in this client. */
  public Response logIn(String user, String app) {
    get("/camunda/app/" + app + "/default/", null);
    return send("POST", "/camunda/api/admin/auth/user/default/login/" + app, null, "application/x-www-form-urlencoded",
        "username=" + user + "&password=" + user, Map.of("X-XSRF-TOKEN", cookie("XSRF-TOKEN")));
  }

  private HttpRequest request(String method, String path, String credentials, String contentType,
      HttpRequest.BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (credentials != null) {
      String pair = credentials.contains(":") ? credentials : credentials + ":" + credentials;
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    headers.forEach(request::header);
    return request.build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
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
