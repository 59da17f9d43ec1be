package org.aftersales.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.payment.RefundGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** With {@code aftersales.simulators.payment.enabled=false} (a real provider) the simulator does not exist. */
@AfterSalesIntegrationTest
@Isolated
@TestPropertySource(properties = "aftersales.simulators.payment.enabled=false")
class PaymentSimulatorDisabledTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void noSimulatorBeansAndNoEndpoints() {
    assertThat(context.getBeansOfType(PaymentSimulator.class)).isEmpty();
    assertThat(context.getBeansOfType(PaymentSimulatorController.class)).isEmpty();
    assertThat(context.getBeansOfType(RefundGateway.class)).hasSize(1);

    TestHttp http = TestHttp.on(port);
    assertThat(http.get("/simulators/payment/refunds", "shop").status()).isEqualTo(404);
    assertThat(http.postJson("/simulators/payment/faults", "shop", "{\"unavailableNext\":1}").status()).isEqualTo(404);
  }
}
