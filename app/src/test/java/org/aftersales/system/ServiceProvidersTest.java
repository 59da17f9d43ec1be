package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** Issue 21: the factories Camunda's timers and every mail ask for are named, not searched for on the class path. */
class ServiceProvidersTest {

  @Test
  void theFactoriesAreNamedAsSystemPropertiesAndStillFoundAsBefore() throws Exception {
    ServiceProviders.name();

    assertThat(System.getProperty("javax.xml.datatype.DatatypeFactory")).isNotBlank();
    assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isNotBlank();
    assertThat(DatatypeFactory.newInstance().newDuration("PT48H").getHours()).isEqualTo(48);
    assertThat(DatatypeFactory.newInstance().getClass().getName())
        .isEqualTo(ServiceProviders.DEFAULTS.get("javax.xml.datatype.DatatypeFactory"));
    assertThat(StreamProvider.provider().getClass().getName())
        .isEqualTo(ServiceProviders.DEFAULTS.get("jakarta.mail.util.StreamProvider"));
  }

  @Test
  void aPropertyGivenOnTheCommandLineWins() {
    String before = System.getProperty("jakarta.mail.util.StreamProvider");
    try {
      System.setProperty("jakarta.mail.util.StreamProvider", "com.example.OwnStreamProvider");
      ServiceProviders.name();
      assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo("com.example.OwnStreamProvider");
    } finally {
      if (before == null) {
        System.clearProperty("jakarta.mail.util.StreamProvider");
      } else {
        System.setProperty("jakarta.mail.util.StreamProvider", before);
      }
      ServiceProviders.name();
    }
  }
}
