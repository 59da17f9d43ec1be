package org.aftersales.parties;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aftersales.parties.PartyStore.Party;
import org.aftersales.system.http.CallbackSignature;
import org.aftersales.system.web.CachedBodyRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the signature of a carrier's or payment provider's callback ({@link CallbackSignature}) before anything
 * reads the body: the logged-in user must be a carrier or payment provider party with a secret, the timestamp
 * within the replay window of now, and the signature made with one of the party's valid secrets. Otherwise 401
 * problem+json and the request goes no further. A signed callback names its sender in the request attribute
 * {@link CallbackSignature#SENDER_ATTRIBUTE}, so that it acts on that party's own parcels, refunds and charges only.
 */
class SignedCallbackFilter extends OncePerRequestFilter {

  private final PartyStore parties;
  private final Clock clock;
  private final Duration window;
  private final long maxBytes;
  private final ObjectMapper objectMapper;

  SignedCallbackFilter(PartyStore parties, Clock clock, Duration window, long maxBytes, ObjectMapper objectMapper) {
    this.parties = parties;
    this.clock = clock;
    this.window = window;
    this.maxBytes = maxBytes;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    Optional<PartyStore.Signer> signer = caller == null ? Optional.empty() : parties.signerOf(caller.getName());
    Optional<Party> party = signer.map(PartyStore.Signer::party);
    if (party.isEmpty() || !party.get().kind().signs()) {
      refuse(request, response, HttpStatus.UNAUTHORIZED, "Your user is not recorded as a carrier or payment "
          + "provider with a signing secret; ask an administrator to record the party (POST /api/admin/parties).");
      return;
    }
    List<String> secrets = signer.get().secrets();
    if (secrets.isEmpty()) {
      refuse(request, response, HttpStatus.UNAUTHORIZED, "No signing secret is recorded for party "
          + party.get().partyId() + "; ask an administrator to add one.");
      return;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(String.valueOf(request.getHeader(CallbackSignature.TIMESTAMP_HEADER)).strip());
    } catch (NumberFormatException e) {
      refuse(request, response, HttpStatus.UNAUTHORIZED, "Header " + CallbackSignature.TIMESTAMP_HEADER
          + " must be the time of sending in Unix seconds.");
      return;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > window.toSeconds()) {
      refuse(request, response, HttpStatus.UNAUTHORIZED, "The callback's timestamp " + timestamp + " is more than "
          + window.toSeconds() + " seconds from now (" + now + "): a stale or replayed callback is not taken.");
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBytes + 1));
    if (body.length > maxBytes) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE,
          "The body is larger than " + maxBytes + " bytes, the most " + path + " takes.");
      return;
    }
    String signature = request.getHeader(CallbackSignature.SIGNATURE_HEADER);
    if (secrets.stream().noneMatch(secret -> CallbackSignature.matches(secret, timestamp, body, signature))) {
      refuse(request, response, HttpStatus.UNAUTHORIZED, "Header " + CallbackSignature.SIGNATURE_HEADER
          + " is missing or is not the HMAC-SHA256 of \"<timestamp>.<body>\" with a valid secret of party "
          + party.get().partyId() + "; nothing changed.");
      return;
    }
    request.setAttribute(CallbackSignature.SENDER_ATTRIBUTE, party.get().partyId());
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status == HttpStatus.UNAUTHORIZED ? "Callback not signed as required" : "Request body too large");
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
