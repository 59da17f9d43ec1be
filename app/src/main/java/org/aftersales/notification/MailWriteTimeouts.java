package org.aftersales.notification;

import org.aftersales.system.http.OutboundExecutors;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Jakarta Mail watches each write to the mail server ({@code mail.smtp.writetimeout}) from a scheduler it starts per
 * connection, so a thread per mail; this gives every mail sender the one shared scheduler of
 * {@link OutboundExecutors#MAIL_WRITE_TIMEOUTS} instead ({@code mail.smtp.executor.writetimeout}), before its session
 * is made.
 */
@Configuration(proxyBeanMethods = false)
class MailWriteTimeouts {

  static final String[] PROTOCOLS = {"smtp", "smtps"};

  @Bean
  static BeanPostProcessor mailSenderSharesWriteTimeouts() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JavaMailSenderImpl sender) {
          for (String protocol : PROTOCOLS) {
            sender.getJavaMailProperties().put("mail." + protocol + ".executor.writetimeout",
                OutboundExecutors.MAIL_WRITE_TIMEOUTS);
          }
        }
        return bean;
      }
    };
  }
}
