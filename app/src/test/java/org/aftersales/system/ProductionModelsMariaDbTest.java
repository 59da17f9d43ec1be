package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.system.deployment.ModelExpressionsTest;
import org.aftersales.system.security.IdentityBootstrap;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production (the mysql profile, on MariaDB): models come from the build only, so no one deploys through REST;
 * a model that runs code is refused however it is deployed, without running it or leaking a secret; the
 * administrator from the environment is recovered at start-up; a password the policy refuses is a 400.
 */
@Isolated
@ExtendWith({MariaDb.class, OutputCaptureExtension.class})
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProductionModelsMariaDbTest {

  static final String DATABASE = "aftersales_i16_models";
  static final String ADMIN = "opsadmin";
  static final String ADMIN_PASSWORD = "Str0ng!Secret-i16-2026";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    MariaDb.recreate(DATABASE);
    registry.add("AFTERSALES_DB_URL", () -> MariaDb.url(DATABASE));
    registry.add("AFTERSALES_DB_USER", () -> MariaDb.USER);
    registry.add("AFTERSALES_DB_PASSWORD", () -> MariaDb.PASSWORD);
    registry.add("AFTERSALES_ADMIN_USER", () -> ADMIN);
    registry.add("AFTERSALES_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired IdentityBootstrap bootstrap;
  @Autowired DataSource dataSource;

  @Test
  void noOneDeploysThroughRestInProduction() throws Exception {
    Path pwned = Files.createTempDirectory("pwned").resolve("pwned");
    String key = "evilrest";

    Response answer = TestHttp.on(port).postMultipart("/engine-rest/deployment/create", ADMIN + ":" + ADMIN_PASSWORD,
        List.of(Part.field("deployment-name", key), Part.file("data", key + ".bpmn", "application/xml",
            ModelExpressionsTest.timerModel(key, ModelExpressionsTest.touch(pwned)).getBytes(StandardCharsets.UTF_8))),
        Map.of());

    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(pwned).doesNotExist();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void aModelThatRunsCodeIsRefusedHoweverItIsDeployed(CapturedOutput output) throws Exception {
    Path pwned = Files.createTempDirectory("pwned").resolve("pwned");

    assertThatThrownBy(() -> repositoryService.createDeployment().name("evil")
        .addString("evil.bpmn", ModelExpressionsTest.timerModel("evil", ModelExpressionsTest.touch(pwned))).deploy())
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("Timer_Evil");
    assertThatThrownBy(() -> repositoryService.createDeployment().name("leak").addString("leak.bpmn",
            ModelExpressionsTest.timerModel("leak",
                "${'x'.concat(environment.getProperty('aftersales.identity.admin.password'))}")).deploy())
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("environment")
        .hasMessageNotContaining(ADMIN_PASSWORD);

    assertThat(pwned).doesNotExist();
    assertThat(output.getAll()).doesNotContain(ADMIN_PASSWORD);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKeyIn("evil", "leak").count()).isZero();
  }

  @Test
  void theAdministratorFromTheEnvironmentIsRecoveredAtStartUp() throws Exception {
    // as an earlier release left it: locked for good after ten wrong passwords
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE ACT_ID_USER SET ATTEMPTS_ = 10, LOCK_EXP_TIME_ = '2999-01-01 00:00:00' "
          + "WHERE ID_ = '" + ADMIN + "'");
    }
    assertThat(identityService.checkPassword(ADMIN, ADMIN_PASSWORD)).isFalse();

    bootstrap.postProcessEngineBuild(engine);

    assertThat(TestHttp.on(port).get("/api/me", ADMIN + ":" + ADMIN_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aPasswordThePolicyRefusesIsA400Problem() {
    Response weak = TestHttp.on(port).postJson("/engine-rest/user/create", ADMIN + ":" + ADMIN_PASSWORD,
        "{\"profile\":{\"id\":\"weakling\",\"firstName\":\"W\",\"lastName\":\"L\",\"email\":\"w@example.com\"},"
            + "\"credentials\":{\"password\":\"weak\"}}");

    assertThat(weak.status()).as(weak.body()).isEqualTo(400);
    assertThat(weak.contentType()).startsWith("application/problem+json");
    assertThat(weak.body()).contains("\"detail\"").doesNotContain("Exception");
    assertThat(identityService.createUserQuery().userId("weakling").count()).isZero();
  }

  @Test
  void behindTheTlsProxyCookiesAreSecureAndHstsIsSent() {
    Map<String, String> overTls = Map.of("X-Forwarded-Proto", "https");
    TestHttp http = TestHttp.on(port);

    Response api = http.send("GET", "/api/me", ADMIN + ":" + ADMIN_PASSWORD, null, null, overTls);
    Response webapp = http.send("GET", "/camunda/app/tasklist/default/", null, null, null, overTls);

    assertThat(api.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(webapp.headers().allValues("Set-Cookie")).isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
  }
}
