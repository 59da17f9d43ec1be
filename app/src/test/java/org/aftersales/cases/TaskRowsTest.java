package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The name a user task gets in Tasklist's list: what it waits for, the case, the customer and the amount. */
class TaskRowsTest {

  @Test
  void aRowNamesTheCaseTheCustomerAndTheAmountAskedFor() {
    assertThat(TaskRows.row("审核退货申请", aCase("王小明", "2999.00", "2999.00", "CNY")))
        .isEqualTo("审核退货申请 · AS-20261206-ABC123 · 王小明 · ¥2,999.00");
    assertThat(TaskRows.row("Review return request", aCase("Li Wei", "12345.5", "500", "CNY")))
        .as("the amount asked for before the amount paid").isEqualTo("Review return request · AS-20261206-ABC123 · Li Wei · ¥500.00");
  }

  @Test
  void withoutAContactNameTheCustomerIdStandsForTheCustomer() {
    assertThat(TaskRows.row("批准退款", aCase(null, "88.00", null, "CNY")))
        .isEqualTo("批准退款 · AS-20261206-ABC123 · C-42 · ¥88.00");
  }

  @Test
  void anotherCurrencyIsNamedAfterTheAmount() {
    assertThat(TaskRows.money(new BigDecimal("1234567.891"), "EUR")).isEqualTo("1,234,567.89 EUR");
    assertThat(TaskRows.money(new BigDecimal("0.5"), "cny")).isEqualTo("¥0.50");
  }

  @Test
  void aRowFitsTheTaskNameColumn() {
    String row = TaskRows.row("审核退货申请", aCase("名".repeat(300), "1.00", null, "CNY"));
    assertThat(row).hasSize(TaskRows.MAX_LENGTH).endsWith("…").startsWith("审核退货申请 · AS-20261206-ABC123 · 名");
  }

  private static CaseRecord aCase(String contactName, String paid, String requested, String currency) {
    OpenCaseRequest.Contact contact = contactName == null ? null
        : new OpenCaseRequest.Contact(contactName, null, null, null, null);
    return new CaseRecord("AS-20261206-ABC123", CaseType.RETURN, CaseStatus.OPEN, "Waiting for after-sales review", null,
        "O-1", "C-42", "S-77", Channel.APP, Reason.NOT_AS_DESCRIBED, "", null, new BigDecimal(paid),
        requested == null ? null : new BigDecimal(requested), BigDecimal.ZERO, currency,
        new CaseRecord.CaseDetails(null, null, null, contact, List.of(), null, null, null), Instant.now(), null, null,
        "shop", List.of());
  }
}
