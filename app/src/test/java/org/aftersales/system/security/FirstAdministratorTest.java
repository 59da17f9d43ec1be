package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.aftersales.AfterSalesApplication;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside the embedded default (demo users off) no password comes from code: the first administrator
 * comes from the environment, start-up fails clearly without one, and a weak password is refused.
 */
@Isolated
class FirstAdministratorTest {

  @TempDir Path dataDir;

  @Test
  void withoutAnAdministratorStartUpFailsWithAClearMessage() {
    assertThatThrownBy(() -> start(null, null).close())
        .hasStackTraceContaining(IdentityBootstrap.MISSING_ADMIN);
  }

  @Test
  void aWeakAdministratorPasswordIsRefused() {
    assertThatThrownBy(() -> start("root", "root").close())
        .hasStackTraceContaining("AFTERSALES_ADMIN_PASSWORD does not meet the password policy");
  }

  @Test
  void theAdministratorFromTheEnvironmentIsCreatedOnceAndNoDemoUsers() {
    try (ConfigurableApplicationContext app = start("ops", "Str0ng!Secret-2026")) {
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().memberOfGroup(Role.ADMINISTRATORS.groupId()).list())
          .extracting(user -> user.getId()).containsExactly("ops");
      assertThat(identity.createUserQuery().userId("agent").count()).isZero();
      TestHttp http = TestHttp.on(((WebServerApplicationContext) app).getWebServer().getPort());
      assertThat(http.get("/api/me", "ops:Str0ng!Secret-2026").body()).contains("camunda-admin");
    }
    // later starts need no administrator settings: one exists
    try (ConfigurableApplicationContext app = start(null, null)) {
      assertThat(app.getBean(IdentityService.class).checkPassword("ops", "Str0ng!Secret-2026")).isTrue();
    }
  }

  private ConfigurableApplicationContext start(String adminUser, String adminPassword) {
    return new SpringApplicationBuilder(AfterSalesApplication.class).run(
        "--server.port=0",
        "--aftersales.data-dir=" + dataDir,
        "--aftersales.identity.demo-users=false",
        "--camunda.bpm.generic-properties.properties.enable-password-policy=true",
        "--aftersales.identity.admin.user-id=" + (adminUser == null ? "" : adminUser),
        "--aftersales.identity.admin.password=" + (adminPassword == null ? "" : adminPassword));
  }
}
