package org.aftersales.cases;

import java.security.Principal;
import java.util.Optional;

/** Which seller a caller's login answers for; the outside-party registry ({@code parties.SellerLogins}) implements it. */
public interface SellerOfLogin {

  /** The seller id a seller's login answers for (an id matching none if none is recorded); empty for other callers. */
  Optional<String> sellerOf(Principal caller);
}
