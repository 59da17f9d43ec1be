package org.aftersales.logistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.Map;
import org.aftersales.cases.CaseFlow;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseStatus;
import org.aftersales.cases.EventAnswer;
import org.aftersales.cases.InboundEventLog;
import org.aftersales.cases.InboundEventLog.Effect;
import org.aftersales.logistics.ParcelRegistry.Direction;
import org.aftersales.logistics.ParcelRegistry.Parcel;
import org.aftersales.system.http.CallbackSignature;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.NotFoundException;
import org.aftersales.system.web.RetryLaterException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The carrier's parcel status updates. Each counts once: a repeated event id, the same status again, or a
 * status older than the one we have changes nothing and says so; an unknown parcel gets 404, a parcel
 * named for the wrong case or a final status contradicting another gets 409. A carrier acts on the parcels booked
 * with it only: another carrier's parcel is answered 404 as if unknown.
 */
@RestController
@Tag(name = "Outside events", description = "Callbacks from carriers and payment providers")
public class ParcelEventController {

  static final String SOURCE = "carrier";
  /** The messages a returning parcel's arrival or loss is correlated with, by case and tracking number. */
  public static final String PARCEL_DELIVERED = "Msg_ParcelDelivered";
  public static final String PARCEL_LOST = "Msg_ParcelLost";

  /** A parcel status update as the carrier sends it. */
  public record ParcelEvent(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String eventId,
      @NotBlank @Pattern(regexp = "[A-Z0-9]{8,30}") String trackingNumber,
      String bookingId,
      @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String caseId,
      @NotNull ParcelStatus status,
      @NotNull OffsetDateTime occurredAt) {}

  private static final Map<ParcelStatus, Integer> RANK = Map.of(ParcelStatus.BOOKED, 0, ParcelStatus.PICKED_UP, 1,
      ParcelStatus.IN_TRANSIT, 2, ParcelStatus.DELIVERED, 3, ParcelStatus.LOST, 3, ParcelStatus.RETURNED_TO_SENDER, 3);

  private final ParcelRegistry parcels;
  private final CaseRepository cases;
  private final CaseProgress progress;
  private final InboundEventLog events;
  private final RuntimeService runtime;

  public ParcelEventController(ParcelRegistry parcels, CaseRepository cases, CaseProgress progress,
      InboundEventLog events, RuntimeService runtime) {
    this.parcels = parcels;
    this.cases = cases;
    this.progress = progress;
    this.events = events;
    this.runtime = runtime;
  }

  @PostMapping("/api/events/parcels")
  @Operation(summary = "A parcel was picked up, is in transit, was delivered or lost", description = "Answers 200 "
      + "with the effect: APPLIED, ALREADY_APPLIED, DUPLICATE, IGNORED_OUT_OF_ORDER or IGNORED_CASE_CLOSED; 404 for "
      + "an unknown parcel, 409 for a wrong case or contradicting final status, 503 (retry) if the case is not ready "
      + "or the parcel of an open case is not known yet (its booking is still being recorded).")
  @Transactional
  public EventAnswer parcelStatus(@RequestBody @Valid ParcelEvent event,
      @RequestAttribute(name = CallbackSignature.SENDER_ATTRIBUTE, required = false) String sender) {
    Parcel parcel = parcels.lock(event.trackingNumber()).orElseThrow(() -> unknownParcel(event));
    if (!parcel.carrierParty().equals(sender)) {
      // another carrier's parcel: answered as if unknown, so that its existence is not revealed
      throw notOurs(event);
    }
    if (event.caseId() != null && !event.caseId().equals(parcel.caseId())) {
      throw new ConflictException("Parcel " + event.trackingNumber() + " belongs to another case than " + event.caseId() + ".");
    }
    var earlier = events.claim(SOURCE, event.eventId(), event.trackingNumber());
    if (earlier.isPresent()) {
      return answer(event, parcel, Effect.DUPLICATE, "This event was received before (" + earlier.get() + "); nothing changed.");
    }
    Effect effect = apply(event, parcel);
    events.settle(SOURCE, event.eventId(), effect);
    return answer(event, parcel, effect, switch (effect) {
      case APPLIED -> "Parcel " + event.trackingNumber() + " is now " + event.status() + ".";
      case ALREADY_APPLIED -> "Parcel " + event.trackingNumber() + " was already " + event.status() + "; nothing changed.";
      case IGNORED_OUT_OF_ORDER -> "Parcel " + event.trackingNumber() + " is already " + parcel.status()
          + ", further than " + event.status() + "; nothing changed.";
      default -> "The case is closed; nothing changed.";
    });
  }

  /**
   * A carrier may call back before the booking it answered is committed here (the job that booked it is still
   * running, or runs again after a failure): for a parcel of an open case that is "not yet", not "never".
   */
  private RuntimeException unknownParcel(ParcelEvent event) {
    boolean openCase = event.caseId() != null
        && cases.find(event.caseId()).map(c -> c.status() != CaseStatus.CLOSED).orElse(false);
    return openCase
        ? new RetryLaterException("Parcel " + event.trackingNumber() + " is not known yet for case " + event.caseId()
            + " (its booking may still be in progress); send the event again shortly.")
        : notOurs(event);
  }

  private static NotFoundException notOurs(ParcelEvent event) {
    return new NotFoundException("No parcel with tracking number " + event.trackingNumber() + " belongs to a case here.");
  }

  private Effect apply(ParcelEvent event, Parcel parcel) {
    if (parcel.status() == event.status()) {
      return Effect.ALREADY_APPLIED;
    }
    int current = RANK.get(parcel.status());
    int next = RANK.get(event.status());
    if (next < current) {
      return Effect.IGNORED_OUT_OF_ORDER;
    }
    if (next == current && current == 3) {
      throw new ConflictException("Parcel " + event.trackingNumber() + " was already reported " + parcel.status()
          + "; " + event.status() + " contradicts it.");
    }
    CaseRecord c = cases.find(parcel.caseId()).orElseThrow();
    if (parcel.direction() == Direction.RETURN && c.status() == CaseStatus.CLOSED) {
      return Effect.IGNORED_CASE_CLOSED;
    }
    parcels.updateStatus(event.trackingNumber(), event.status());
    progress.record(parcel.caseId(), "PARCEL_" + event.status(), text(parcel.direction(), event.status()), null);
    if (parcel.direction() == Direction.RETURN && (event.status() == ParcelStatus.DELIVERED
        || event.status() == ParcelStatus.LOST)) {
      correlate(parcel, event.status() == ParcelStatus.DELIVERED
          ? PARCEL_DELIVERED : PARCEL_LOST);
    }
    return Effect.APPLIED;
  }

  private void correlate(Parcel parcel, String message) {
    try {
      runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(parcel.caseId())
          .processInstanceVariableEquals(CaseFlow.Var.TRACKING_NUMBER, parcel.trackingNumber())
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new RetryLaterException("Case " + parcel.caseId() + " is not yet waiting for parcel "
          + parcel.trackingNumber() + "; send the event again shortly.");
    }
  }

  private static String text(Direction direction, ParcelStatus status) {
    boolean back = direction == Direction.RETURN;
    return switch (status) {
      case PICKED_UP -> back ? "The courier collected your parcel" : "The carrier collected the parcel we sent you";
      case IN_TRANSIT -> back ? "Your parcel is on its way to our warehouse" : "The parcel we sent you is on its way";
      case DELIVERED -> back ? "Your parcel arrived at our warehouse" : "The parcel we sent you was delivered";
      case LOST -> back ? "The carrier reported your parcel lost" : "The carrier reported the parcel we sent you lost";
      case RETURNED_TO_SENDER -> back ? "Your parcel was returned to you by the carrier" : "The parcel we sent you came back to us";
      case BOOKED -> "Parcel booked with the carrier";
    };
  }

  private static EventAnswer answer(ParcelEvent event, Parcel parcel, Effect effect, String detail) {
    return new EventAnswer(event.eventId(), parcel.caseId(), effect, detail);
  }
}
