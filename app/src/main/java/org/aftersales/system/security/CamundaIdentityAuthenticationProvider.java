package org.aftersales.system.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's users (so Admin manages one set of users for the
 * webapps and the APIs) and turns the user's groups into authorities. Failed logins are throttled by client
 * address and by account ({@link LoginThrottle}); no lock lasts for good. A success is remembered for a short time
 * ({@link LoginCache}), so that the next calls with the same password cost no identity query.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final LoginThrottle throttle;
  private final LoginCache cache;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle,
      LoginCache cache) {
    this.identityService = identityService;
    this.throttle = throttle;
    this.cache = cache;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
    throttle.refusal(userId, address).ifPresent(reason -> {
      throw new LockedException(reason);
    });
    if (userId == null || userId.isBlank() || credentials == null) {
      throttle.failed(userId, address);
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    String password = credentials.toString();
    Optional<List<String>> remembered = cache.groups(userId, password);
    List<String> groups;
    if (remembered.isPresent()) {
      groups = remembered.get();
    } else {
      long generation = cache.generation();
      if (!identityService.checkPassword(userId, password)) {
        throttle.failed(userId, address);
        throw new BadCredentialsException("Unknown user or wrong password");
      }
      groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
      cache.remember(userId, password, groups, generation);
    }
    throttle.succeeded(userId, address);
    return UsernamePasswordAuthenticationToken.authenticated(userId, null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
