package org.aftersales.parties;

import org.aftersales.system.security.Role;

/** The kinds of outside party, each with the group its user is in and what it may do. */
public enum PartyKind {
  /** A shop: opens and follows cases for its customers. */
  SHOP(Role.SHOP_INTEGRATION),
  /** A carrier: posts the status of its parcels, signed. */
  CARRIER(Role.CARRIERS),
  /** A payment provider: posts the results of its refunds and charges, signed. */
  PAYMENT_PROVIDER(Role.PAYMENT_PROVIDERS),
  /** A seller: answers the complaints about it; its notices go to the e-mail of its record. */
  SELLER(Role.SELLERS);

  private final Role role;

  PartyKind(Role role) {
    this.role = role;
  }

  public Role role() {
    return role;
  }

  /** Whether this kind's callbacks must be signed. */
  public boolean signs() {
    return this == CARRIER || this == PAYMENT_PROVIDER;
  }
}
