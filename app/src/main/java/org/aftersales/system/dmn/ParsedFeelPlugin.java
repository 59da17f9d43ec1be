package org.aftersales.system.dmn;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the engine's rule tables the {@link ParsedFeelEngine}: the DMN engine is configured as Camunda would
 * (history, custom functions, script engines are added by the engine as before), with only the FEEL engine's
 * factory named here.
 */
@Component
public class ParsedFeelPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getDmnEngineConfiguration() != null) {
      return;
    }
    DefaultDmnEngineConfiguration dmn =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    dmn.setFeelEngineFactory(() -> new ParsedFeelEngine(dmn.getFeelCustomFunctionProviders()));
    configuration.setDmnEngineConfiguration(dmn);
  }
}
