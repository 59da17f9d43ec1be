package org.aftersales.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The money attacks of issue 15 on MariaDB through the mysql profile, on a database of its own. There are no demo
 * users here: the shop, carrier, payment provider and a finance user come from the start-up import file
 * ({@code AFTERSALES_PARTIES_FILE}), the simulators call back as the imported carrier and provider, signed with their
 * secrets. The password policy is off so that the shared test drivers' logins (user id as password) work.
 */
@Isolated
@ExtendWith(MariaDb.class)
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "camunda.bpm.generic-properties.properties.enable-password-policy=false",
    "aftersales.simulators.carrier.enabled=true", "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.enabled=true", "aftersales.simulators.payment.auto-settle=false",
    "aftersales.simulators.payment.callback-backoff=PT0.2S",
    "aftersales.simulators.mail.enabled=true",
    "spring.mail.host=${aftersales.simulators.mail.host}", "spring.mail.port=${aftersales.simulators.mail.port}",
    "aftersales.integration.user=shop", "aftersales.integration.password=shop",
    "aftersales.simulators.carrier.callback-user=carrier", "aftersales.simulators.carrier.callback-password=carrier",
    "aftersales.simulators.carrier.signing-secret=demo-carrier-signing-secret-0001",
    "aftersales.simulators.payment.callback-user=payment", "aftersales.simulators.payment.callback-password=payment",
    "aftersales.simulators.payment.signing-secret=demo-payment-signing-secret-0001"})
class MoneyAttacksMariaDbTest extends MoneyAttacks {

  static final String DATABASE = "aftersales_i15_parties";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    MariaDb.recreate(DATABASE);
    registry.add("AFTERSALES_DB_URL", () -> MariaDb.url(DATABASE));
    registry.add("AFTERSALES_DB_USER", () -> MariaDb.USER);
    registry.add("AFTERSALES_DB_PASSWORD", () -> MariaDb.PASSWORD);
    registry.add("AFTERSALES_ADMIN_USER", () -> "opsadmin");
    registry.add("AFTERSALES_ADMIN_PASSWORD", () -> "Str0ng!Secret-2026");
    registry.add("AFTERSALES_PARTIES_FILE", MoneyAttacksMariaDbTest::partiesFile);
  }

  /** The first set-up of the parties, as an operator would give it. */
  static String partiesFile() {
    try {
      Path file = Files.createTempFile("parties", ".json");
      Files.writeString(file, """
          [{"partyId":"shop","kind":"SHOP","userId":"shop","password":"shop","name":"Test shop"},
           {"partyId":"carrier","kind":"CARRIER","userId":"carrier","password":"carrier","name":"Test carrier",
            "secret":"demo-carrier-signing-secret-0001"},
           {"partyId":"payment","kind":"PAYMENT_PROVIDER","userId":"payment","password":"payment",
            "name":"Test provider","secret":"demo-payment-signing-secret-0001"}]
          """);
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired PendingPaymentCheck pendingCheck;
  @Autowired org.camunda.bpm.engine.IdentityService identity;

  @Override
  protected String admin() {
    return "opsadmin:Str0ng!Secret-2026";
  }

  @Override
  protected String finance() {
    // staff are not parties: an administrator creates them as before (here: directly in the identity service)
    if (identity.createUserQuery().userId("fin").count() == 0) {
      org.camunda.bpm.engine.identity.User user = identity.newUser("fin");
      user.setPassword("fin");
      identity.saveUser(user);
      identity.createMembership("fin", "finance");
    }
    return "fin";
  }

  @Override
  protected int checkOverdue() {
    return pendingCheck.checkOverdue(Duration.ZERO);
  }
}
