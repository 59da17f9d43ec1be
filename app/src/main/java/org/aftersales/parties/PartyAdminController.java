package org.aftersales.parties;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.aftersales.parties.PartyRegistration.NewParty;
import org.aftersales.parties.PartyStore.Party;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators manage the outside parties: record a shop, carrier, payment provider or seller with its login,
 * change a seller's contact, and rotate a carrier's or payment provider's signing secret. Secrets are never shown.
 */
@RestController
@RequestMapping("/api/admin/parties")
@Tag(name = "Outside parties", description = "Shops, carriers, payment providers and sellers (administrators)")
public class PartyAdminController {

  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private static final String USER = "[A-Za-z0-9]{1,64}";

  /** A party to record: its id (a seller's id is its seller id), kind, login and, for carriers and providers, secret. */
  public record PartyBody(@NotBlank @Pattern(regexp = ID) String partyId, @NotNull PartyKind kind,
      @NotBlank @Pattern(regexp = USER, message = "must be 1 to 64 letters or digits (a Camunda user id)") String userId,
      @NotBlank @Size(max = 200) String password,
      @NotBlank @Size(max = 200) String name, @Email @Size(max = 254) String email,
      @Size(min = 32, max = 200) String secret) {}

  /** A party's changeable data. */
  public record Contact(@NotBlank @Size(max = 200) String name, @Email @Size(max = 254) String email) {}

  /** A new signing secret (at least 32 characters). */
  public record Secret(@NotBlank @Size(min = 32, max = 200) String secret) {}

  /** A party as shown: never its secrets, only how many are valid. */
  public record PartyView(String partyId, PartyKind kind, String userId, String name, String email, int validSecrets) {}

  private final PartyStore parties;
  private final PartyRegistration registration;

  public PartyAdminController(PartyStore parties, PartyRegistration registration) {
    this.parties = parties;
    this.registration = registration;
  }

  @GetMapping
  @Operation(summary = "List the outside parties")
  public List<PartyView> list() {
    return parties.all().stream().map(this::view).toList();
  }

  @GetMapping("/{partyId}")
  public PartyView read(@PathVariable String partyId) {
    return view(party(partyId));
  }

  @PostMapping
  @Operation(summary = "Record a party", description = "Creates its user (with the password) when missing, in the "
      + "group of its kind; carriers and payment providers need a signing secret. 409 if the id or user is taken.")
  public ResponseEntity<PartyView> create(@RequestBody @Valid PartyBody body) {
    if (body.kind().signs() && body.secret() == null) {
      throw new InvalidRequestException("secret", "is required for a " + body.kind() + " (it signs its callbacks)");
    }
    if (!body.kind().signs() && body.secret() != null) {
      throw new InvalidRequestException("secret", "is only for carriers and payment providers");
    }
    if (body.kind() == PartyKind.SELLER && body.email() == null) {
      throw new InvalidRequestException("email", "is required for a seller: its notices go there");
    }
    if (!registration.register(new NewParty(body.partyId(), body.kind(), body.userId(), body.password(), body.name(),
        body.email(), body.secret()))) {
      throw new ConflictException("A party with id " + body.partyId() + " or user " + body.userId() + " exists already.");
    }
    return ResponseEntity.created(URI.create("/api/admin/parties/" + body.partyId())).body(view(party(body.partyId())));
  }

  @PutMapping("/{partyId}")
  @Operation(summary = "Change a party's name and e-mail (a seller's notices go to the e-mail)")
  public PartyView update(@PathVariable String partyId, @RequestBody @Valid Contact contact) {
    Party party = party(partyId);
    if (party.kind() == PartyKind.SELLER && contact.email() == null) {
      throw new InvalidRequestException("email", "is required for a seller: its notices go there");
    }
    parties.update(partyId, contact.name(), contact.email());
    return view(party(partyId));
  }

  @PostMapping("/{partyId}/secrets")
  @Operation(summary = "Add a signing secret", description = "The new secret and the one before are both valid, "
      + "so the party can switch without losing callbacks; older ones stop working.")
  public PartyView addSecret(@PathVariable String partyId, @RequestBody @Valid Secret secret) {
    if (!party(partyId).kind().signs()) {
      throw new InvalidRequestException("partyId", "is not a carrier or payment provider");
    }
    parties.addSecret(partyId, secret.secret());
    return view(party(partyId));
  }

  @PostMapping("/{partyId}/secrets/retire-older")
  @Operation(summary = "Only the newest secret stays valid", description = "After the party switched to it.")
  public PartyView retireOlder(@PathVariable String partyId) {
    party(partyId);
    parties.retireOlderSecrets(partyId);
    return view(party(partyId));
  }

  private Party party(String partyId) {
    return parties.find(partyId).orElseThrow(() -> new NotFoundException("No party " + partyId + "."));
  }

  private PartyView view(Party party) {
    return new PartyView(party.partyId(), party.kind(), party.userId(), party.name(), party.email(),
        parties.secrets(party.partyId()).size());
  }
}
