package org.aftersales.parties;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aftersales.parties.PartyRegistration.NewParty;
import org.aftersales.system.security.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the outside parties at start-up when they are missing, never changing one that exists: on the embedded
 * default the demo parties (as the demo users: shop, carrier, payment provider, seller S-77), and everywhere the
 * parties of the import file {@code aftersales.parties.import-file} (a JSON array of {@link NewParty}) for a first
 * set-up. Afterwards administrators manage parties through {@code /api/admin/parties}.
 */
@Component
@Order(0)
class PartyBootstrap implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(PartyBootstrap.class);

  /** The demo seller, named by the demo cases. */
  static final String DEMO_SELLER = "S-77";

  private final PartyRegistration registration;
  private final PartyProperties properties;
  private final IdentityProperties identity;
  private final ObjectMapper objectMapper;
  private final String carrierSecret;
  private final String paymentSecret;

  PartyBootstrap(PartyRegistration registration, PartyProperties properties, IdentityProperties identity,
      ObjectMapper objectMapper,
      @Value("${aftersales.simulators.carrier.signing-secret:}") String carrierSecret,
      @Value("${aftersales.simulators.payment.signing-secret:}") String paymentSecret) {
    this.registration = registration;
    this.properties = properties;
    this.identity = identity;
    this.objectMapper = objectMapper;
    this.carrierSecret = carrierSecret;
    this.paymentSecret = paymentSecret;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (identity.demoUsers()) {
      // the demo users exist already (IdentityBootstrap); their secrets are the ones the simulators sign with
      List.of(new NewParty("shop", PartyKind.SHOP, "shop", null, "Demo shop", null, null),
          new NewParty("carrier", PartyKind.CARRIER, "carrier", null, "Demo carrier (simulator)", null, carrierSecret),
          new NewParty("payment", PartyKind.PAYMENT_PROVIDER, "payment", null, "Demo payment provider (simulator)",
              null, paymentSecret),
          new NewParty(DEMO_SELLER, PartyKind.SELLER, "seller", null, "Demo seller S-77",
              "seller.s77@demo.aftersales.local", null)).forEach(this::create);
    }
    if (!properties.importFile().isBlank()) {
      NewParty[] parties = objectMapper.readValue(Files.readAllBytes(Path.of(properties.importFile())), NewParty[].class);
      for (NewParty party : parties) {
        create(party);
      }
    }
  }

  private void create(NewParty party) {
    if (registration.register(party)) {
      LOG.info("Recorded {} party {} (user {})", party.kind(), party.partyId(), party.userId());
    }
  }
}
