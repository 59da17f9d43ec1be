package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Remembered API logins (issue 21, {@link LoginCache}) through HTTP on the whole application: a user deleted, given a
 * new password or taken out of a group through Camunda is refused (or loses the group) on the very next request,
 * on /api and on /engine-rest alike.
 */
@AfterSalesIntegrationTest
class LoginCacheApiTest {


  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  String manager() {
    String id = "cached" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword("Right-" + id);
    identityService.saveUser(user);
    identityService.createMembership(id, "managers");
    return id;
  }

  @Test
  void aDeletedUserIsRefusedAtOnce() {
    String id = manager();
    TestHttp http = TestHttp.on(port);
    assertThat(http.get("/api/me", id + ":Right-" + id).status()).isEqualTo(200);
    assertThat(http.get("/engine-rest/task?maxResults=1", id + ":Right-" + id).status()).isEqualTo(200);

    identityService.deleteUser(id);

    assertThat(http.get("/api/me", id + ":Right-" + id).status()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task?maxResults=1", id + ":Right-" + id).status()).isEqualTo(401);
  }

  @Test
  void anOldPasswordIsRefusedAtOnceAndTheNewOneWorks() {
    String id = manager();
    TestHttp http = TestHttp.on(port);
    try {
      assertThat(http.get("/api/me", id + ":Right-" + id).status()).isEqualTo(200);

      User user = identityService.createUserQuery().userId(id).singleResult();
      user.setPassword("Changed-" + id);
      identityService.saveUser(user);

      assertThat(http.get("/api/me", id + ":Right-" + id).status()).isEqualTo(401);
      assertThat(http.get("/api/me", id + ":Changed-" + id).status()).isEqualTo(200);
    } finally {
      identityService.deleteUser(id);
    }
  }

  @Test
  void aGroupTakenAwayIsTakenAwayAtOnce() {
    String id = manager();
    TestHttp http = TestHttp.on(port);
    try {
      TestHttp.Response before = http.get("/api/me", id + ":Right-" + id);
      assertThat(before.body()).contains("managers");

      identityService.deleteMembership(id, "managers");

      TestHttp.Response after = http.get("/api/me", id + ":Right-" + id);
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.body()).doesNotContain("managers");
    } finally {
      identityService.deleteUser(id);
    }
  }
}
