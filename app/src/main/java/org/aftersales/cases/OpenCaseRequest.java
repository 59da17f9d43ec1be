package org.aftersales.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.aftersales.system.web.RejectUnknownFields;

/**
 * The body of {@code POST /api/cases}. The order is not ours: the request carries what we need of it
 * (lines, amounts, delivery date). Money is a decimal string with its currency. A field it does not know is
 * refused, not dropped: a misspelt amount or return method would otherwise change the case without a word.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RejectUnknownFields
public record OpenCaseRequest(
    @NotNull CaseType type,
    @NotBlank @Pattern(regexp = ID) String orderId,
    @NotBlank @Pattern(regexp = ID) String customerId,
    @Pattern(regexp = ID) String sellerId,
    @NotNull Channel channel,
    @NotNull Reason reason,
    @Size(max = 2000) String description,
    OffsetDateTime deliveredAt,
    @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
    @NotBlank @Pattern(regexp = MONEY, message = MONEY_MESSAGE) String paidAmount,
    @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as CNY") String currency,
    @Pattern(regexp = MONEY, message = MONEY_MESSAGE) String requestedAmount,
    @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}") String productCategory,
    ReturnMethod returnMethod,
    Boolean withReturn,
    @Min(0) @Max(120) Integer warrantyMonths,
    FaultCause faultCause,
    @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be a fault code such as WONT_TURN_ON") String fault,
    @Valid Contact contact,
    @Size(max = 10) List<@NotBlank @Size(max = 500) @Pattern(regexp = "https://\\S+", message = "must be an https link") String> evidence,
    @Valid Complaint complaint) {

  public static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  static final String MONEY = "\\d{1,10}(\\.\\d{1,2})?";
  static final String MONEY_MESSAGE = "must be a decimal amount such as \"129.00\" (at most two decimals, not negative)";

  /** One order line the request concerns. */
  @RejectUnknownFields
  public record Item(
      @NotBlank @Pattern(regexp = ID) String sku,
      @NotBlank @Size(max = 200) String name,
      @NotNull @Min(1) @Max(999) Integer quantity,
      @Min(1) @Max(999) Integer orderedQuantity,
      @NotBlank @Pattern(regexp = MONEY, message = MONEY_MESSAGE) String unitPrice) {

    /** How many were ordered; the quantity asked for when the request does not say. */
    public int ordered() {
      return orderedQuantity == null ? quantity : orderedQuantity;
    }
  }

  /** How to reach the customer, and where goods are picked up or sent. */
  @RejectUnknownFields
  public record Contact(
      @Size(max = 100) String name,
      @Email @Size(max = 200) String email,
      @Pattern(regexp = "\\+?[0-9 ()-]{5,20}") String phone,
      @Valid Address address,
      @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language tag such as zh or en-GB") String language) {}

  /**
   * What a complaint (type {@code COMPLAINT}) is about: its category, the after-sales case it concerns if
   * any, and links to the chat record with the seller. {@code sellerEmail} is refused (400): the seller's notices
   * go to the contact of the seller's record, never to an address the customer gives.
   */
  @RejectUnknownFields
  public record Complaint(
      @NotNull ComplaintCategory category,
      @Pattern(regexp = "AS-[A-Z0-9-]{1,37}", message = "must be a case id such as AS-20261118-ABC123") String linkedCaseId,
      @Size(max = 10) List<@NotBlank @Size(max = 500) @Pattern(regexp = "https://\\S+", message = "must be an https link") String> chatRecord,
      @Email @Size(max = 200) String sellerEmail) {}

  /** A postal address. */
  @RejectUnknownFields
  public record Address(
      @NotBlank @Size(max = 200) String line1,
      @NotBlank @Size(max = 100) String city,
      @Size(max = 20) String postalCode,
      @NotBlank @Pattern(regexp = "[A-Z]{2}") String country) {}
}
