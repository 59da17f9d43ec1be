package org.aftersales.parties;

import java.security.Principal;
import java.util.Optional;
import org.aftersales.cases.SellerOfLogin;
import org.aftersales.system.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which seller a seller's login answers for (docs/security.md, "Outside parties"): a user in group {@code sellers} acts for the
 * seller party recorded with its user id, and for no other seller.
 */
@Component
public class SellerLogins implements SellerOfLogin {

  /** Stands for a seller login without a seller record: it matches no seller id. */
  static final String NO_SELLER = "";

  private final PartyStore parties;

  public SellerLogins(PartyStore parties) {
    this.parties = parties;
  }

  /** Whether the caller logs in as a seller. */
  public static boolean isSeller(Principal caller) {
    return caller instanceof Authentication a && a.getAuthorities().stream()
        .anyMatch(g -> Role.SELLERS.groupId().equals(g.getAuthority()));
  }

  /**
   * The seller id a seller's login answers for (an empty id, matching none, if no seller is recorded for it); empty
   * for any other caller.
   */
  @Override
  public Optional<String> sellerOf(Principal caller) {
    if (!isSeller(caller)) {
      return Optional.empty();
    }
    return Optional.of(parties.ofUser(caller.getName()).filter(p -> p.kind() == PartyKind.SELLER)
        .map(PartyStore.Party::partyId).orElse(NO_SELLER));
  }
}
