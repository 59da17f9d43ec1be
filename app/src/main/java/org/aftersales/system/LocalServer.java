package org.aftersales.system;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The address this application listens on, known once the web server has started (tests use a random
 * port). Clients whose base URL is left empty fall back to the simulators served here, and the
 * simulators call back through it.
 */
@Component
public class LocalServer implements ApplicationListener<WebServerInitializedEvent> {

  private volatile int port = -1;

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() == null) {
      port = event.getWebServer().getPort();
    }
  }

  /** {@code http://127.0.0.1:<port>}; fails if called before the server listens. */
  public String baseUrl() {
    if (port < 0) {
      throw new IllegalStateException("The web server has not started yet");
    }
    return "http://127.0.0.1:" + port;
  }

  /** {@code configured} if set, else this server's base URL followed by {@code localPath}. */
  public String resolve(String configured, String localPath) {
    if (configured != null && !configured.isBlank()) {
      return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
    return baseUrl() + localPath;
  }
}
