package org.aftersales.system.security;

import org.aftersales.system.security.AccessPolicy.Grant;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups and their authorizations once the engine is built, and then either the demo
 * users (embedded default) or the first administrator from the environment. Every step is idempotent,
 * so each start-up repairs what is missing and changes nothing else; existing passwords are never reset, but
 * for the administrator from the environment: a start with {@code AFTERSALES_ADMIN_USER} and
 * {@code AFTERSALES_ADMIN_PASSWORD} unlocks that user, sets that password and puts it (back) in
 * {@code camunda-admin}, so an administrator can always be recovered.
 */
@Component
public class IdentityBootstrap extends AbstractCamundaConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

  static final String MISSING_ADMIN = "No administrator exists in this database and none is configured. "
      + "Set AFTERSALES_ADMIN_USER and AFTERSALES_ADMIN_PASSWORD (at least 10 characters with upper and lower "
      + "case, a digit and a special character, not containing the user id) for the first start; the user is created in group 'camunda-admin'. "
      + "Demo users exist only on the embedded default.";

  private static final String ADMIN_FIRST_NAME = "Administrator";

  private final IdentityProperties properties;

  public IdentityBootstrap(IdentityProperties properties) {
    this.properties = properties;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (Role role : Role.values()) {
      ensureGroup(identity, role);
    }
    AuthorizationService authorizations = engine.getAuthorizationService();
    AccessPolicy.grants().forEach(grant -> ensureGrant(authorizations, grant));
    AccessPolicy.retired().forEach(grant -> revoke(authorizations, grant));
    AccessPolicy.withdrawn().forEach(grant -> withdraw(authorizations, grant));
    narrowTaskGrants(authorizations);
    if (properties.demoUsers()) {
      for (Role role : Role.values()) {
        ensureUser(identity, role.demoUserId(), role.demoUserId(), role.demoFirstName(), role.demoLastName(),
            role.demoUserId() + "@demo.aftersales.local", role);
      }
      LOG.warn("Demo users are enabled (embedded default): each user's password is its id. Never use this profile in production.");
    } else {
      ensureFirstAdministrator(identity, engine.getProcessEngineConfiguration().isEnablePasswordPolicy());
    }
  }

  private void ensureFirstAdministrator(IdentityService identity, boolean passwordPolicy) {
    IdentityProperties.Admin admin = properties.admin();
    if (admin.isGiven()) {
      User existing = identity.createUserQuery().userId(admin.userId()).singleResult();
      User candidate = existing != null ? existing : identity.newUser(admin.userId());
      if (existing == null) {
        candidate.setFirstName(ADMIN_FIRST_NAME);
        candidate.setLastName(admin.userId());
        candidate.setEmail(admin.email());
      }
      // without a password policy (switched off) there is nothing to check against
      PasswordPolicyResult policy = passwordPolicy ? identity.checkPasswordAgainstPolicy(admin.password(), candidate) : null;
      if (policy != null && !policy.isValid()) {
        throw new IllegalStateException("AFTERSALES_ADMIN_PASSWORD does not meet the password policy (at least 10 "
            + "characters with upper and lower case, a digit and a special character, not containing the user id): "
            + policy.getViolatedRules().stream().map(rule -> rule.getPlaceholder() + " " + rule.getParameters())
                .toList());
      }
      if (existing != null) {
        // recovery: the administrator from the environment can always log in again
        existing.setPassword(admin.password());
        identity.saveUser(existing);
        identity.unlockUser(existing.getId());
        LOG.info("Administrator {} from the environment: unlocked, password set from AFTERSALES_ADMIN_PASSWORD",
            existing.getId());
      }
      ensureUser(identity, admin.userId(), admin.password(), ADMIN_FIRST_NAME, admin.userId(), admin.email(),
          Role.ADMINISTRATORS);
      return;
    }
    long admins = identity.createUserQuery().memberOfGroup(Role.ADMINISTRATORS.groupId()).count();
    if (admins == 0) {
      throw new IllegalStateException(MISSING_ADMIN);
    }
  }

  private static void ensureGroup(IdentityService identity, Role role) {
    if (identity.createGroupQuery().groupId(role.groupId()).count() == 0) {
      Group group = identity.newGroup(role.groupId());
      group.setName(role.groupName());
      group.setType(role.groupType());
      identity.saveGroup(group);
      LOG.info("Created group {}", role.groupId());
    }
  }

  private static void ensureUser(IdentityService identity, String id, String password, String firstName,
      String lastName, String email, Role role) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(password);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      identity.saveUser(user);
      LOG.info("Created user {}", id);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(role.groupId()).count() == 0) {
      identity.createMembership(id, role.groupId());
    }
  }

  /** Deletes a grant an earlier release made. */
  private static void revoke(AuthorizationService service, Grant grant) {
    Authorization existing = service.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(grant.role().groupId()).resourceType(grant.resource()).resourceId(grant.resourceId())
        .singleResult();
    if (existing != null && grant.permissions().stream().allMatch(existing::isPermissionGranted)) {
      service.deleteAuthorization(existing.getId());
      LOG.info("Took back {} on every {} from group {}: each filter now names its groups", grant.permissions(),
          grant.resource().resourceName(), grant.role().groupId());
    }
  }

  /** Takes permissions an earlier release granted out of a grant this one still makes. */
  /**
   * Tasks an earlier release created gave their candidate groups and assignees UPDATE (writing any of the task's
   * variables); this release gives TASK_WORK (claim, complete with the form). Open tasks of before are narrowed at
   * start-up, so that no task stays writable outside its form after an upgrade.
   */
  private static void narrowTaskGrants(AuthorizationService service) {
    int narrowed = 0;
    for (Authorization wide : service.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.TASK).hasPermission(Permissions.UPDATE).list()) {
      if (Authorization.ANY.equals(wide.getResourceId()) || Role.ADMINISTRATORS.groupId().equals(wide.getGroupId())) {
        continue;
      }
      wide.removePermission(Permissions.UPDATE);
      wide.addPermission(TaskPermissions.TASK_WORK);
      service.saveAuthorization(wide);
      narrowed++;
    }
    if (narrowed > 0) {
      LOG.info("Narrowed {} grants on open tasks from UPDATE to TASK_WORK (tasks are worked through their forms)",
          narrowed);
    }
  }

  private static void withdraw(AuthorizationService service, Grant grant) {
    Authorization existing = service.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(grant.role().groupId()).resourceType(grant.resource()).resourceId(grant.resourceId())
        .singleResult();
    if (existing != null && grant.permissions().stream().anyMatch(existing::isPermissionGranted)) {
      grant.permissions().forEach(existing::removePermission);
      service.saveAuthorization(existing);
      LOG.info("Took back {} on {} {} from group {}", grant.permissions(), grant.resource().resourceName(),
          grant.resourceId(), grant.role().groupId());
    }
  }

  private static void ensureGrant(AuthorizationService service, Grant grant) {
    Authorization existing = service.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(grant.role().groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .singleResult();
    Authorization authorization = existing;
    if (authorization == null) {
      authorization = service.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.role().groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    }
    boolean changed = existing == null;
    for (Permission permission : grant.permissions()) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      service.saveAuthorization(authorization);
    }
  }
}
