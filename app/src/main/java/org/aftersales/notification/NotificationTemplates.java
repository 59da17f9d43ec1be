package org.aftersales.notification;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.system.BusinessTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The customer's texts: one subject and body per {@link NotificationType} from the message bundles
 * {@code notifications/messages*.properties} (UTF-8), Simplified Chinese for locale {@code zh}, English
 * otherwise. Every time in a detail is written for people in the business zone, in the text's language. Placeholders such as {@code {amount}} name a detail, {@code {caseId}} or {@code {customerName}}.
 */
@Component
public class NotificationTemplates {

  static final String BUNDLE = "notifications.messages";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final BusinessTime time;

  /** Times in the business zone of {@code aftersales.business.zone}. */
  @Autowired
  public NotificationTemplates(BusinessTime time) {
    this.time = time;
  }

  /** Times in China time (Asia/Shanghai), for tests and tools without the application. */
  public NotificationTemplates() {
    this(new BusinessTime(ZoneId.of("Asia/Shanghai"), Clock.systemUTC()));
  }

  /** A subject and a plain-text body, ready to send. */
  public record Text(String subject, String body) {}

  /** @throws IllegalArgumentException when a detail the type requires is missing */
  public Text render(CustomerNotification notification) {
    NotificationType type = notification.type();
    type.checkDetails(notification.details());
    ResourceBundle bundle = bundle(notification.locale());
    // every time a detail carries (a pickup window, a deadline), written for people in the business zone
    Map<String, String> values = new HashMap<>();
    String language = notification.locale().getLanguage();
    notification.details().forEach((key, value) -> values.put(key, time.readableTimes(value, language)));
    values.put("caseId", notification.caseId());
    String name = notification.customerName();
    values.put("customerName", name == null || name.isBlank() ? bundle.getString("customer") : name.strip());
    String body = String.join("\n\n", fill(bundle, "greeting", values), fill(bundle, type + ".body", values),
        fill(bundle, "signature", values));
    return new Text(fill(bundle, type + ".subject", values), body);
  }

  private static ResourceBundle bundle(Locale locale) {
    Locale language = "zh".equals(locale.getLanguage()) ? Locale.CHINESE : Locale.ROOT;
    return ResourceBundle.getBundle(BUNDLE, language, NO_FALLBACK);
  }

  private static String fill(ResourceBundle bundle, String key, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(bundle.getString(key));
    StringBuilder text = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("Message " + key + " uses {" + matcher.group(1)
            + "}, which is not a required detail of its type");
      }
      matcher.appendReplacement(text, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(text).toString();
  }
}
