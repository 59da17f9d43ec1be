package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import org.aftersales.system.BusinessTime;
import org.junit.jupiter.api.Test;

/**
 * The timeline as staff read it (issue 18): in the staff's voice, never the customer's ("We e-mailed you" is
 * "Customer e-mailed" / "已通过邮件通知顾客"), times for people in China time, and what customers read unchanged.
 */
class StaffTextsTest {

  private static final Pattern SPEAKS_TO_THE_CUSTOMER = Pattern.compile("(?i)\\b(you|your|yourself)\\b");

  private final CaseTexts customerTexts = new CaseTexts();
  private final StaffTexts staff = new StaffTexts(customerTexts,
      new BusinessTime(ZoneId.of("Asia/Shanghai"), Clock.systemUTC()));

  @Test
  void notificationsOnTheTimelineReadAsStaffWouldSayThem() {
    String stored = "We e-mailed you: 已为您预约上门取件：2026年12月5日 05:05（北京时间）（AS-1）";
    assertThat(staff.in("en", stored)).isEqualTo("Customer e-mailed: 已为您预约上门取件：2026年12月5日 05:05（北京时间）（AS-1）");
    assertThat(staff.in("zh-CN", stored)).isEqualTo("已通过邮件通知顾客：已为您预约上门取件：2026年12月5日 05:05（北京时间）（AS-1）");
    assertThat(staff.in(null, "You withdrew the request")).isEqualTo("顾客已撤销申请");
    // texts that do not speak to the customer: the customer's Chinese, the English as stored
    assertThat(staff.in("zh", "The goods passed inspection")).isEqualTo(customerTexts.in("zh", "The goods passed inspection"));
    assertThat(staff.in("en", "The goods passed inspection")).isEqualTo("The goods passed inspection");
    // what the customer reads keeps the customer's voice
    assertThat(customerTexts.in("zh", "You withdrew the request")).isEqualTo("您已撤销申请");
  }

  @Test
  void timesInTheTimelineAreForPeopleInChinaTime() {
    assertThat(staff.in("zh", "Appointment booked for 2026-12-04T21:05:38.171Z"))
        .contains("2026年12月5日 05:05（北京时间）").doesNotContain("T21:05");
    assertThat(staff.in("en", "Decision due by 2026-12-06 09:00 UTC: 2 supervisors warned"))
        .isEqualTo("Decision due by 6 Dec 2026, 17:00 (China time): 2 supervisors warned");
    List<StaffTexts.Line> lines = staff.lines(List.of(new TimelineEntry(Instant.parse("2026-12-04T21:05:00Z"),
        "NOTIFIED_PICKUP_BOOKED", "We e-mailed you: Pickup booked")), "en");
    assertThat(lines).containsExactly(new StaffTexts.Line("5 Dec 2026, 05:05 (China time)", "NOTIFIED_PICKUP_BOOKED",
        "Customer e-mailed: Pickup booked"));
  }

  @Test
  void everyTextThatSpeaksToTheCustomerHasAStaffVersionInBothLanguages() throws IOException {
    List<String> customerVoice;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("notifications/case-texts_zh.txt")) {
      customerVoice = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#") && l.contains(" => "))
          .map(l -> l.substring(0, l.indexOf(" => ")).strip())
          .filter(english -> SPEAKS_TO_THE_CUSTOMER.matcher(english).find()).toList();
    }
    assertThat(customerVoice).isNotEmpty();
    for (String text : customerVoice) {
      String sample = text.replaceAll("\\{\\w+}", "X");
      assertThat(staff.in("en", sample)).as(text).doesNotContainPattern(SPEAKS_TO_THE_CUSTOMER.pattern());
      assertThat(staff.in("zh", sample)).as(text).doesNotContain("您").doesNotContainPattern("[A-Za-z]{4,}");
    }
  }
}
