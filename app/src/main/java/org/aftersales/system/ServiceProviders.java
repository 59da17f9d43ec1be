package org.aftersales.system;

import java.util.Map;

/**
 * The JDK's and Jakarta Mail's factories, named once as system properties (issue 21). Without them every
 * {@code DatatypeFactory.newInstance()} (Camunda makes one for each timer duration it reads) and every mail's
 * {@code StreamProvider} looks for a service provider through the class loader, which under the embedded Tomcat
 * opens the application's jars each time: about 1.5 % of the application's CPU in the benchmark (JFR, 2026-12-06).
 * A property given on the command line wins.
 */
public final class ServiceProviders {

  static final Map<String, String> DEFAULTS = Map.of(
      "javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl",
      "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");

  private ServiceProviders() {}

  /** Sets each property that is not set yet. */
  public static void name() {
    DEFAULTS.forEach((property, implementation) -> {
      if (System.getProperty(property) == null) {
        System.setProperty(property, implementation);
      }
    });
  }
}
