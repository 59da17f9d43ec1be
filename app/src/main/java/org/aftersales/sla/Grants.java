package org.aftersales.sla;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/** What the engine's authorizations let a user, or the members of some groups, do to the process instances of flows. */
@Component
class Grants {

  /** A user id no one has: the check asks for the groups' grants (and those to every user) only. */
  static final String ANY_MEMBER = "(any member)";

  private final AuthorizationService authorizations;

  Grants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** Whether one of the permissions is granted on one of the flows, or one of {@code onInstance} on every instance. */
  boolean anyOf(String userId, List<String> groups, Collection<String> flows, List<Permission> onDefinition,
      List<Permission> onInstance) {
    return onInstance.stream().anyMatch(p -> authorizations.isUserAuthorized(userId, groups, p,
        Resources.PROCESS_INSTANCE, "*"))
        || flows.stream().anyMatch(key -> onDefinition.stream().anyMatch(p -> authorizations.isUserAuthorized(userId,
            groups, p, Resources.PROCESS_DEFINITION, key)));
  }
}
