package org.aftersales;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The after-sales service: Camunda engine, webapps, engine REST API and the shop-facing API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AfterSalesApplication {

  static {
    org.aftersales.system.ServiceProviders.name();
  }

  public static void main(String[] args) {
    SpringApplication.run(AfterSalesApplication.class, args);
  }
}
