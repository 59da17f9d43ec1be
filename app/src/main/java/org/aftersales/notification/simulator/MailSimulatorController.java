package org.aftersales.notification.simulator;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the mail simulator received, so that people trying the system can read what customers were told. */
@RestController
@RequestMapping("/simulators/mail")
@ConditionalOnProperty(name = "aftersales.simulators.mail.enabled", havingValue = "true")
class MailSimulatorController {

  private final MailSimulator simulator;

  MailSimulatorController(MailSimulator simulator) {
    this.simulator = simulator;
  }

  /** The messages received, oldest first; with {@code to}, only those to that address. */
  @GetMapping("/messages")
  List<ReceivedMail> messages(@RequestParam(required = false) String to) {
    return simulator.messages(to);
  }
}
