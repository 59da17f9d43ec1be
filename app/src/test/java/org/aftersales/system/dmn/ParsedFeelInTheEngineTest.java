package org.aftersales.system.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 21: the engine's rule tables run on {@link ParsedFeelEngine}, and decide as before. */
@AfterSalesIntegrationTest
class ParsedFeelInTheEngineTest {

  @Autowired ProcessEngine engine;

  @Test
  void theEnginesDecisionsUseTheParsedFeelEngine() {
    DefaultDmnEngineConfiguration dmn = (DefaultDmnEngineConfiguration)
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration();
    assertThat(dmn.getFeelEngine()).isInstanceOf(ParsedFeelEngine.class);

    Map<String, Object> result = engine.getDecisionService().evaluateDecisionByKey(ReturnProcess.ELIGIBILITY_DECISION)
        .variables(Map.of("caseType", "RETURN", "reason", "NO_REASON", "daysSinceDelivery", 3,
            "productCategory", "GENERAL", "amount", 150.0))
        .evaluate().getSingleResult().getEntryMap();
    assertThat(result).containsEntry("eligible", true).containsEntry("autoApprove", true)
        .containsEntry("postagePaidBy", "CUSTOMER");
  }
}
