package org.aftersales.parties;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outside parties (table {@code as_party}) and their callback secrets ({@code as_party_secret}): the two
 * newest secrets of a party are valid, older ones are deleted when a new one is added.
 */
@Repository
public class PartyStore {

  /** An outside party as recorded. */
  public record Party(String partyId, PartyKind kind, String userId, String name, String email) {}

  static final int VALID_SECRETS = 2;

  private static final RowMapper<Party> PARTY = (rs, row) -> new Party(rs.getString("party_id"),
      PartyKind.valueOf(rs.getString("kind")), rs.getString("user_id"), rs.getString("name"), rs.getString("email"));

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PartyStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Party> find(String partyId) {
    return jdbc.query("SELECT * FROM as_party WHERE party_id = ?", PARTY, partyId).stream().findFirst();
  }

  /** The party a Camunda user logs in for. */
  public Optional<Party> ofUser(String userId) {
    return jdbc.query("SELECT * FROM as_party WHERE user_id = ?", PARTY, userId).stream().findFirst();
  }

  public List<Party> all() {
    return jdbc.query("SELECT * FROM as_party ORDER BY party_id", PARTY);
  }

  /** Where a seller's notices go: the e-mail of its record, if it has one. */
  public Optional<String> sellerEmail(String sellerId) {
    return find(sellerId).filter(p -> p.kind() == PartyKind.SELLER).map(Party::email);
  }

  /** Records a party; false if one with that id or user exists already. */
  @Transactional
  public boolean create(Party party) {
    Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM as_party WHERE party_id = ? OR user_id = ?",
        Integer.class, party.partyId(), party.userId());
    if (existing != null && existing > 0) {
      return false;
    }
    try {
      jdbc.update("INSERT INTO as_party (party_id, kind, user_id, name, email, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          party.partyId(), party.kind().name(), party.userId(), party.name(), party.email(),
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException raced) {
      // another node recorded it at the same moment
      return false;
    }
    return true;
  }

  /** Changes a party's name and e-mail (its kind and user stay). */
  public void update(String partyId, String name, String email) {
    jdbc.update("UPDATE as_party SET name = ?, email = ? WHERE party_id = ?", name, email, partyId);
  }

  /** A party with its valid secrets, newest first (none when it has none). */
  public record Signer(Party party, List<String> secrets) {}

  /**
   * The party a Camunda user logs in for, with its valid secrets, in one statement: a signed callback needs both
   * (issue 21: one query per callback instead of two).
   */
  public Optional<Signer> signerOf(String userId) {
    List<Signer> rows = jdbc.query("SELECT p.party_id, p.kind, p.user_id, p.name, p.email, s.secret FROM as_party p "
        + "LEFT JOIN as_party_secret s ON s.party_id = p.party_id WHERE p.user_id = ? ORDER BY s.version DESC",
        (rs, n) -> new Signer(PARTY.mapRow(rs, n), rs.getString("secret") == null ? List.of()
            : List.of(rs.getString("secret"))), userId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Signer(rows.get(0).party(), rows.stream().flatMap(r -> r.secrets().stream())
        .limit(VALID_SECRETS).toList()));
  }

  /** The valid secrets of a party, newest first. */
  public List<String> secrets(String partyId) {
    return jdbc.queryForList("SELECT secret FROM as_party_secret WHERE party_id = ? ORDER BY version DESC",
        String.class, partyId).stream().limit(VALID_SECRETS).toList();
  }

  /**
   * Adds a secret as the newest: it and the one before are valid, every older one is deleted. Returns the new
   * secret's version.
   */
  @Transactional
  public int addSecret(String partyId, String secret) {
    jdbc.queryForList("SELECT party_id FROM as_party WHERE party_id = ? FOR UPDATE", String.class, partyId);
    Integer newest = jdbc.queryForObject("SELECT MAX(version) FROM as_party_secret WHERE party_id = ?",
        Integer.class, partyId);
    int version = newest == null ? 1 : newest + 1;
    jdbc.update("INSERT INTO as_party_secret (party_id, version, secret, created_at) VALUES (?, ?, ?, ?)",
        partyId, version, secret, Timestamp.from(clock.instant()));
    jdbc.update("DELETE FROM as_party_secret WHERE party_id = ? AND version <= ?", partyId, version - VALID_SECRETS);
    return version;
  }

  /** Keeps only the newest secret valid (after the party switched to it). */
  public void retireOlderSecrets(String partyId) {
    Integer newest = jdbc.queryForObject("SELECT MAX(version) FROM as_party_secret WHERE party_id = ?",
        Integer.class, partyId);
    if (newest != null) {
      jdbc.update("DELETE FROM as_party_secret WHERE party_id = ? AND version < ?", partyId, newest);
    }
  }
}
