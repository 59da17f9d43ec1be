package org.aftersales.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationTemplatesTest {

  private static final String CJK = ".*[\\u4e00-\\u9fff].*";

  private final NotificationTemplates templates = new NotificationTemplates();

  static Stream<Arguments> everyTypeInEveryLanguage() {
    return Stream.of(NotificationType.values())
        .flatMap(type -> Stream.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE).map(locale -> Arguments.of(type, locale)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyTypeInEveryLanguage")
  void everyTypeRendersWithItsRequiredDetailsAndNoPlaceholderLeft(NotificationType type, Locale locale) {
    NotificationTemplates.Text text = templates.render(notification(type, locale, requiredDetails(type)));

    assertThat(text.subject()).isNotBlank().doesNotContain("{", "}").doesNotContain("\n");
    assertThat(text.body()).doesNotContain("{", "}").contains("R-2026-0001", "Li Wei");
    requiredDetails(type).values().forEach(value -> assertThat(text.subject() + text.body()).contains(value));
    if (locale.getLanguage().equals("zh")) {
      assertThat(text.subject()).matches(CJK);
      assertThat(text.body()).matches("(?s)" + CJK);
    } else {
      assertThat(text.subject() + text.body()).doesNotMatch("(?s)" + CJK);
    }
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyTypeInEveryLanguage")
  void sentencesAreNotRunTogether(NotificationType type, Locale locale) {
    // issue 17, item 10: "through the order page.with more information", "order page.or file a complaint"
    NotificationTemplates.Text text = templates.render(notification(type, locale, requiredDetails(type)));

    String withoutLinks = (text.subject() + "\n" + text.body()).replaceAll("https?://\\S+", "");
    assertThat(withoutLinks).doesNotContainPattern("[a-z]\\.[A-Za-z]");
  }

  @ParameterizedTest
  @EnumSource(NotificationType.class)
  void aMissingRequiredDetailIsRefusedByName(NotificationType type) {
    for (String key : type.requiredDetails()) {
      Map<String, String> details = new HashMap<>(requiredDetails(type));
      details.remove(key);

      assertThatThrownBy(() -> templates.render(notification(type, Locale.ENGLISH, details)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + key + "'");
      details.put(key, " ");
      assertThatThrownBy(() -> templates.render(notification(type, Locale.ENGLISH, details)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + key + "'");
    }
  }

  @Test
  void theTypesNamedInTheBriefNeedTheirDetails() {
    assertThat(NotificationType.REFUND_PAID.requiredDetails()).containsExactly("amount", "currency");
    assertThat(NotificationType.REQUEST_REJECTED.requiredDetails()).containsExactly("reason");
    assertThat(NotificationType.PICKUP_BOOKED.requiredDetails()).containsExactly("trackingNumber", "windowStart", "windowEnd");
    assertThat(NotificationType.SHIP_BACK_INSTRUCTIONS.requiredDetails()).containsExactly("address", "deadline");
    assertThat(NotificationType.RETURN_EXPIRED.requiredDetails()).isEmpty();
  }

  @Test
  void chineseForEveryZhLocaleAndEnglishForAllOthers() {
    CustomerNotification taiwan = notification(NotificationType.CASE_CLOSED, Locale.TRADITIONAL_CHINESE, Map.of());
    CustomerNotification french = notification(NotificationType.CASE_CLOSED, Locale.FRENCH, Map.of());

    assertThat(templates.render(taiwan).subject()).isEqualTo("您的售后申请 R-2026-0001 已完成");
    assertThat(templates.render(french).subject()).isEqualTo("Your request R-2026-0001 is complete");
  }

  @Test
  void aCustomerWithoutANameIsGreetedAsCustomer() {
    CustomerNotification english = new CustomerNotification("n-1", "R-2026-0001", null, "li.wei@example.com", null,
        NotificationType.GOODS_RECEIVED, Locale.ENGLISH, Map.of());
    CustomerNotification chinese = new CustomerNotification("n-1", "R-2026-0001", " ", "li.wei@example.com", null,
        NotificationType.GOODS_RECEIVED, Locale.CHINESE, Map.of());

    assertThat(templates.render(english).body()).startsWith("Dear customer,");
    assertThat(templates.render(chinese).body()).startsWith("顾客，您好：");
  }

  @Test
  void detailValuesAreInsertedLiterally() {
    CustomerNotification notification = notification(NotificationType.REQUEST_REJECTED, Locale.ENGLISH,
        Map.of(NotificationDetails.REASON, "Price $5 \\ {not a placeholder}"));

    assertThat(templates.render(notification).body()).contains("Reason: Price $5 \\ {not a placeholder}");
  }

  @Test
  void aNotificationNeedsAnIdACaseAndAType() {
    assertThatThrownBy(() -> new CustomerNotification(" ", "R-1", null, null, null, NotificationType.CASE_OPENED, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notificationId");
    assertThatThrownBy(() -> new CustomerNotification("n", "R".repeat(41), null, null, null, NotificationType.CASE_OPENED,
        null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caseId");
    CustomerNotification defaults = new CustomerNotification("n", "R-1", null, null, null, NotificationType.CASE_OPENED,
        null, null);
    assertThat(defaults.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(defaults.details()).isEmpty();
  }

  /** A plausible value per required detail, each distinct so that the test can find it in the text. */
  @Test
  void rawTimesInDetailsAreWrittenForPeopleInChinaTime() {
    // issue 18: "已为您预约上门取件：2026-12-04T21:05:38.171Z"
    NotificationTemplates.Text pickup = templates.render(notification(NotificationType.PICKUP_BOOKED,
        Locale.SIMPLIFIED_CHINESE, Map.of(NotificationDetails.TRACKING_NUMBER, "SF1234567890",
            NotificationDetails.WINDOW_START, "2026-12-04T21:05:38.171Z", NotificationDetails.WINDOW_END,
            "2026-12-05T01:05:38.171Z")));
    assertThat(pickup.subject()).isEqualTo("已为您预约上门取件：2026年12月5日 05:05（北京时间）（R-2026-0001）");
    assertThat(pickup.body()).contains("2026年12月5日 05:05（北京时间） 至 2026年12月5日 09:05（北京时间）")
        .doesNotContain("T21:05", "Z");

    // a seller's deadline as the complaint flow writes it, and the supervisors' English warning
    NotificationTemplates.Text seller = templates.render(notification(NotificationType.SELLER_STATEMENT_REQUESTED,
        Locale.CHINESE, Map.of(NotificationDetails.DEADLINE, "2026-12-06 09:00 UTC", NotificationDetails.REASON, "x")));
    assertThat(seller.body()).contains("请在 2026年12月6日 17:00（北京时间） 前").doesNotContain("UTC");
    NotificationTemplates.Text warning = templates.render(notification(NotificationType.SUPERVISOR_WARNING,
        Locale.ENGLISH, Map.of(NotificationDetails.DEADLINE, "2026-12-06 09:00 UTC")));
    assertThat(warning.body()).contains("6 Dec 2026, 17:00 (China time)").doesNotContain("UTC");
  }

  static Map<String, String> requiredDetails(NotificationType type) {
    Map<String, String> values = Map.ofEntries(
        Map.entry(NotificationDetails.ARTICLE_TITLE, "If your fan is noisy"),
        Map.entry(NotificationDetails.ARTICLE_BODY, "Unplug it and wipe the blades"),
        Map.entry(NotificationDetails.AMOUNT, "129.00"), Map.entry(NotificationDetails.CURRENCY, "CNY"),
        Map.entry(NotificationDetails.REASON, "Item shows signs of use"), Map.entry(NotificationDetails.TRACKING_NUMBER, "SF1234567890"),
        Map.entry(NotificationDetails.WINDOW_START, "2026-05-02 09:00"), Map.entry(NotificationDetails.WINDOW_END, "2026-05-02 12:00"),
        Map.entry(NotificationDetails.ADDRESS, "Returns Centre, 88 Century Avenue, Shanghai"),
        Map.entry(NotificationDetails.DEADLINE, "2026-05-09"), Map.entry(NotificationDetails.DECISION, "Seller at fault; refund of 80 CNY"),
        Map.entry(NotificationDetails.SURVEY_LINK, "https://shop.example.com/survey/R-2026-0001"));
    Map<String, String> details = new HashMap<>();
    List<String> keys = type.requiredDetails();
    keys.forEach(key -> details.put(key, values.get(key)));
    assertThat(details).doesNotContainValue(null);
    return details;
  }

  private static CustomerNotification notification(NotificationType type, Locale locale, Map<String, String> details) {
    return new CustomerNotification("n-" + type, "R-2026-0001", "Li Wei", "li.wei@example.com", "+86 138 1234 5678",
        type, locale, details);
  }
}
