package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.aftersales.AfterSalesApplication;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.aftersales.TestHttp;
import org.aftersales.system.deployment.ModelDeployer;
import org.aftersales.system.security.AccessCheckProcess;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mysql profile against the MariaDB on this machine, through MySQL Connector/J, on an empty database. */
@Isolated
@ExtendWith(MariaDb.class)
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MariaDbStartupTest {

  static final String DATABASE = "aftersales_test";
  static final String ADMIN = "opsadmin";
  static final String ADMIN_PASSWORD = "Str0ng!Secret-2026";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    MariaDb.useFreshDatabase(registry, DATABASE, ADMIN, ADMIN_PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ModelDeployer deployer;

  @Test
  void theEngineRunsOnMariaDbWithTheSettingsCamundaNeeds() throws SQLException {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    // Camunda 7.24 has no database type of its own for MariaDB: it runs MariaDB with its MySQL dialect
    assertThat(configuration.getDatabaseType()).isEqualTo("mysql");
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDriverName()).contains("MySQL Connector/J");
      assertThat(connection.getMetaData().getDatabaseProductVersion()).containsIgnoringCase("MariaDB");
      assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  @Test
  void everyModelAndFormIsDeployedAndRuns() {
    String deploymentId = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .singleResult().getId();
    assertThat(repositoryService.getDeploymentResourceNames(deploymentId))
        .containsExactlyInAnyOrderElementsOf(deployer.findResources().keySet());

    String instanceId = runtimeService.startProcessInstanceByKey(AccessCheckProcess.KEY, "on-mariadb").getId();

    assertThat(taskService.createTaskQuery().processInstanceId(instanceId).count()).isEqualTo(2);
  }

  @Test
  void theFirstAdministratorComesFromTheEnvironmentAndNoDemoUserExists() {
    assertThat(identityService.createUserQuery().userId(ADMIN).memberOfGroup(Role.ADMINISTRATORS.groupId()).count()).isOne();
    assertThat(identityService.createUserQuery().userId(Role.AGENTS.demoUserId()).count()).isZero();
    assertThat(identityService.createGroupQuery().count()).isEqualTo(Role.values().length);

    TestHttp http = TestHttp.on(port);
    assertThat(http.get("/engine-rest/user", ADMIN + ":" + ADMIN_PASSWORD).status()).isEqualTo(200);
    assertThat(http.get("/engine-rest/user", "agent").status()).isEqualTo(401);
  }

  @Test
  void startUpFailsClearlyWithoutAnAdministratorOnAnEmptyDatabase() {
    String database = "aftersales_noadmin_test";
    MariaDb.recreate(database);
    SpringApplicationBuilder app = new SpringApplicationBuilder(AfterSalesApplication.class).profiles("mysql");
    String[] args = {"--server.port=0", "--camunda.bpm.process-engine-name=noadmin",
        "--AFTERSALES_DB_URL=" + MariaDb.url(database), "--AFTERSALES_DB_USER=" + MariaDb.USER,
        "--AFTERSALES_DB_PASSWORD=" + MariaDb.PASSWORD, "--AFTERSALES_ADMIN_USER=", "--AFTERSALES_ADMIN_PASSWORD="};

    assertThatThrownBy(() -> app.run(args).close()).hasStackTraceContaining("No administrator exists")
        .hasStackTraceContaining("AFTERSALES_ADMIN_USER");
  }
}
