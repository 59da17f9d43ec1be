package org.aftersales.system.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings. {@code demoUsers} is on for the embedded default only; everywhere else the first
 * administrator comes from the environment ({@code AFTERSALES_ADMIN_USER}, {@code AFTERSALES_ADMIN_PASSWORD}).
 */
@ConfigurationProperties("aftersales.identity")
public record IdentityProperties(boolean demoUsers, Admin admin) {

  public IdentityProperties {
    admin = admin == null ? new Admin(null, null, null) : admin;
  }

  /** The first administrator, created on a database that has none. */
  public record Admin(String userId, String password, String email) {

    boolean isGiven() {
      return userId != null && !userId.isBlank() && password != null && !password.isBlank();
    }
  }
}
