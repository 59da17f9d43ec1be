package org.aftersales.notification.simulator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Starts the mail simulator when {@code aftersales.simulators.mail.enabled=true}, and points the
 * application's mail sender at the port it really listens on (which may be a free port, not the
 * configured one), before the sender can be used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "aftersales.simulators.mail.enabled", havingValue = "true")
class MailSimulatorConfiguration {

  @Bean(initMethod = "start", destroyMethod = "stop")
  MailSimulator mailSimulator(MailSimulatorProperties properties) {
    return new MailSimulator(properties);
  }

  @Bean
  static BeanPostProcessor mailSenderFollowsSimulator(ObjectProvider<MailSimulator> simulator) {
    return new MailSenderFollowsSimulator(simulator);
  }

  /** Gives a mail sender configured for the simulator's host and port the port it actually listens on. */
  static final class MailSenderFollowsSimulator implements BeanPostProcessor {
    private final ObjectProvider<MailSimulator> simulator;

    MailSenderFollowsSimulator(ObjectProvider<MailSimulator> simulator) {
      this.simulator = simulator;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (bean instanceof JavaMailSenderImpl sender) {
        MailSimulator started = simulator.getObject();
        if (started.isConfiguredAt(sender.getHost(), sender.getPort())) {
          sender.setPort(started.port());
        }
      }
      return bean;
    }
  }
}
