package org.aftersales.cases;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.InvalidRequestException.FieldProblem;
import org.springframework.stereotype.Component;

/**
 * Checks a request to open a case beyond single fields: amounts against each other and the order lines,
 * quantities against what was ordered, dates, and no markup in text that people will read.
 */
@Component
public class CaseRequestValidator {

  /** Above this a request is not a consumer order: refused as excessive. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");
  private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|javascript:", Pattern.CASE_INSENSITIVE);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Validator validator;
  private final Clock clock;

  public CaseRequestValidator(Validator validator, Clock clock) {
    this.validator = validator;
    this.clock = clock;
  }

  public void validate(OpenCaseRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ConstraintViolation<OpenCaseRequest> v : validator.validate(request)) {
      problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage()));
    }
    if (problems.isEmpty()) {
      crossFieldChecks(request, problems);
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(FieldProblem::field));
      throw new InvalidRequestException(problems);
    }
  }

  private void crossFieldChecks(OpenCaseRequest r, List<FieldProblem> problems) {
    noMarkup("description", r.description(), problems);
    if (r.contact() != null) {
      noMarkup("contact.name", r.contact().name(), problems);
      if (r.contact().address() != null) {
        noMarkup("contact.address.line1", r.contact().address().line1(), problems);
        noMarkup("contact.address.city", r.contact().address().city(), problems);
      }
    }
    try {
      Currency.getInstance(r.currency());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("currency", "is not an ISO 4217 currency code"));
    }

    BigDecimal linesValue = BigDecimal.ZERO;
    Set<String> skus = new HashSet<>();
    for (int i = 0; i < r.items().size(); i++) {
      OpenCaseRequest.Item item = r.items().get(i);
      String field = "items[" + i + "]";
      noMarkup(field + ".name", item.name(), problems);
      if (!skus.add(item.sku())) {
        problems.add(new FieldProblem(field + ".sku", "appears twice; list each order line once"));
      }
      if (item.quantity() > item.ordered()) {
        problems.add(new FieldProblem(field + ".quantity",
            "is " + item.quantity() + " but only " + item.ordered() + " were ordered"));
      }
      linesValue = linesValue.add(new BigDecimal(item.unitPrice()).multiply(BigDecimal.valueOf(item.quantity())));
    }

    BigDecimal paid = new BigDecimal(r.paidAmount());
    if (paid.signum() <= 0) {
      problems.add(new FieldProblem("paidAmount", "must be more than 0"));
    } else if (paid.compareTo(MAX_AMOUNT) > 0) {
      problems.add(new FieldProblem("paidAmount", "is above the largest amount accepted (" + MAX_AMOUNT + ")"));
    }
    if (r.requestedAmount() != null) {
      BigDecimal requested = new BigDecimal(r.requestedAmount());
      if (requested.compareTo(paid) > 0) {
        problems.add(new FieldProblem("requestedAmount", "is more than was paid (" + paid.toPlainString() + ")"));
      }
      if (requested.compareTo(linesValue) > 0) {
        problems.add(new FieldProblem("requestedAmount",
            "is more than the value of the listed items (" + linesValue.toPlainString() + ")"));
      }
    }

    boolean neverArrived = r.reason() == Reason.LOST || r.reason() == Reason.NOT_RECEIVED;
    if (r.deliveredAt() == null && !neverArrived && r.type() != CaseType.COMPLAINT) {
      problems.add(new FieldProblem("deliveredAt", "is required unless the parcel was lost or never received"));
    }
    if (r.deliveredAt() != null && r.deliveredAt().toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
      problems.add(new FieldProblem("deliveredAt", "is in the future"));
    }
    if (r.type() == CaseType.REPAIR && r.fault() == null) {
      problems.add(new FieldProblem("fault", "is required for a repair (a fault code such as WONT_TURN_ON)"));
    }
    if (r.type() == CaseType.COMPLAINT) {
      if (r.complaint() == null) {
        problems.add(new FieldProblem("complaint", "is required for a complaint (its category, and the case it concerns if any)"));
      }
      if (r.sellerId() == null) {
        problems.add(new FieldProblem("sellerId", "is required for a complaint: it names the seller complained about"));
      }
      if (r.complaint() != null && r.complaint().sellerEmail() != null) {
        problems.add(new FieldProblem("complaint.sellerEmail", "is not taken: the seller's notices go to the contact in "
            + "the seller's record, which an administrator keeps (leave the field out)"));
      }
    } else if (r.complaint() != null) {
      problems.add(new FieldProblem("complaint", "is only for cases of type COMPLAINT"));
    }
    boolean noAddress = r.contact() == null || r.contact().address() == null;
    if (r.returnMethod() == ReturnMethod.PICKUP && noAddress) {
      problems.add(new FieldProblem("contact.address", "is required for a door-to-door pickup"));
    } else if ((r.type() == CaseType.EXCHANGE || r.type() == CaseType.RESHIP) && noAddress) {
      problems.add(new FieldProblem("contact.address", "is required to send a replacement"));
    }
  }

  /** Adds a problem for {@code field} if {@code text} holds HTML or script markup. */
  public static void noMarkup(String field, String text, List<FieldProblem> problems) {
    if (text != null && MARKUP.matcher(text).find()) {
      problems.add(new FieldProblem(field, "must be plain text, without HTML or script markup"));
    }
  }
}
