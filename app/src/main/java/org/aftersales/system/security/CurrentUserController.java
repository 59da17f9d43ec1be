package org.aftersales.system.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an integration check its credentials and see which groups it acts in. */
@RestController
@Tag(name = "System")
public class CurrentUserController {

  public record CurrentUser(String userId, List<String> groups) {}

  @GetMapping("/api/me")
  @Operation(summary = "The authenticated user and its groups")
  public CurrentUser me(Authentication authentication) {
    return new CurrentUser(authentication.getName(),
        authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
  }
}
