package org.aftersales.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Agents keep the self-repair articles up to date; others read them; bad input changes nothing. */
@AfterSalesIntegrationTest
class KnowledgeBaseApiTest {

  @LocalServerPort int port;

  @Test
  void agentsEditArticlesAndStaffReadThem() {
    TestHttp http = TestHttp.on(port);
    TestHttp.Response saved = http.send("PUT", "/api/knowledge/articles/battery-calibration", "agent", "application/json",
        "{\"title\":\"If the battery drains fast\",\"body\":\"Charge to 100%, use it until it turns off, charge again.\"}", Map.of());
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(http.get("/api/knowledge/articles/battery-calibration", "technician").body()).contains("drains fast");
    assertThat(http.get("/api/knowledge/articles", "inspector").body()).contains("fan-cleaning", "battery-calibration");
    assertThat(http.get("/api/knowledge/articles/nope", "agent").status()).isEqualTo(404);

    assertThat(http.send("PUT", "/api/knowledge/articles/fan-cleaning", "technician", "application/json",
        "{\"title\":\"x\",\"body\":\"y\"}", Map.of()).status()).isEqualTo(403);
    assertThat(http.send("PUT", "/api/knowledge/articles/Bad_Key", "agent", "application/json",
        "{\"title\":\"x\",\"body\":\"y\"}", Map.of()).status()).isEqualTo(400);
    assertThat(http.send("PUT", "/api/knowledge/articles/fan-cleaning", "agent", "application/json",
        "{\"title\":\"x\",\"body\":\"<script>alert(1)</script>\"}", Map.of()).status()).isEqualTo(400);
    assertThat(http.send("PUT", "/api/knowledge/articles/fan-cleaning", "agent", "application/json",
        "{\"title\":\"\"}", Map.of()).status()).isEqualTo(400);
    assertThat(http.get("/api/knowledge/articles/fan-cleaning", "agent").body()).contains("If your fan is noisy");
  }
}
