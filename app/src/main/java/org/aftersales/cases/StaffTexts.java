package org.aftersales.cases;

import java.util.List;
import java.util.Locale;
import org.aftersales.system.BusinessTime;
import org.springframework.stereotype.Component;

/**
 * The timeline and stages as staff read them (the history on task forms, {@code GET /api/cases/{caseId}/history},
 * Cockpit), where the stored texts speak to the customer ("We e-mailed you: ..."): in the staff's voice
 * ("Customer e-mailed: ..." / "已通过邮件通知顾客：...", {@code texts/timeline-staff_<language>.txt}), in Simplified
 * Chinese unless English is asked for ({@code en}), with every time written for people in the business zone. What
 * customers read ({@link CaseView}) keeps the customer's voice.
 */
@Component
public class StaffTexts {

  /** One timeline entry for staff: when (for people, in the business zone), its code, and what happened. */
  public record Line(String at, String code, String event) {}

  private final CaseTexts customerTexts;
  private final CaseTexts english = CaseTexts.catalogue("en", "texts/timeline-staff_en.txt");
  private final CaseTexts chinese = CaseTexts.catalogue("zh", "texts/timeline-staff_zh.txt");
  private final BusinessTime time;

  public StaffTexts(CaseTexts customerTexts, BusinessTime time) {
    this.customerTexts = customerTexts;
    this.time = time;
  }

  /** English for a tag starting with {@code en}; Simplified Chinese otherwise (also for null). */
  public static String language(String tag) {
    return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh";
  }

  /** A stored timeline text or stage as staff read it in {@code language}. */
  public String in(String language, String text) {
    if (text == null) {
      return null;
    }
    String voiced;
    if ("en".equals(language(language))) {
      voiced = english.in("en", text);
    } else {
      voiced = chinese.knows("zh", text) ? chinese.in("zh", text) : customerTexts.in("zh", text);
    }
    return time.readableTimes(voiced, language(language));
  }

  /** The timeline for staff, oldest first. */
  public List<Line> lines(List<TimelineEntry> timeline, String language) {
    return timeline.stream().map(e -> new Line(time.format(e.at(), language(language)), e.code(),
        in(language, e.event()))).toList();
  }
}
