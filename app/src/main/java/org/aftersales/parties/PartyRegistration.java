package org.aftersales.parties;

import org.aftersales.parties.PartyStore.Party;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a new outside party: its Camunda user (created with the given password when missing) in the group of its
 * kind, its record, and its first signing secret. Used by the administrators' API and the start-up import.
 */
@Service
public class PartyRegistration {

  /** A party to record, with its credentials. */
  public record NewParty(String partyId, PartyKind kind, String userId, String password, String name, String email,
      String secret) {}

  private final PartyStore parties;
  private final IdentityService identity;

  public PartyRegistration(PartyStore parties, IdentityService identity) {
    this.parties = parties;
    this.identity = identity;
  }

  /** Records the party; false (and nothing changed) if a party with its id or user exists already. */
  @Transactional
  public boolean register(NewParty party) {
    if (!parties.create(new Party(party.partyId(), party.kind(), party.userId(), party.name(), party.email()))) {
      return false;
    }
    if (identity.createUserQuery().userId(party.userId()).count() == 0) {
      User user = identity.newUser(party.userId());
      user.setPassword(party.password());
      user.setFirstName(party.name());
      user.setLastName(party.kind().name());
      user.setEmail(party.email());
      identity.saveUser(user);
    }
    String group = party.kind().role().groupId();
    if (identity.createUserQuery().userId(party.userId()).memberOfGroup(group).count() == 0) {
      identity.createMembership(party.userId(), group);
    }
    if (party.secret() != null && !party.secret().isBlank()) {
      parties.addSecret(party.partyId(), party.secret());
    }
    return true;
  }
}
