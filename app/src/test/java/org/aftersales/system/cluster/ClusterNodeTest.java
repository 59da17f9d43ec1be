package org.aftersales.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The node id: as configured when it fits a lock owner and a session id suffix, else the host name made to fit. */
class ClusterNodeTest {

  @Test
  void aConfiguredNodeIdIsTakenAsItIsOrRefusedWithTheSettingsName() {
    assertThat(ClusterNode.resolve("app-1")).isEqualTo("app-1");
    assertThat(ClusterNode.resolve(" node_b ")).isEqualTo("node_b");
    assertThatThrownBy(() -> ClusterNode.resolve("app 1;x")).hasMessageContaining("AFTERSALES_NODE_ID");
  }

  @Test
  void withoutOneTheHostNameIsUsedAndNeverStopsTheStart() {
    String id = ClusterNode.resolve("");
    assertThat(id).matches("[A-Za-z0-9_-]{1,64}");
  }
}
