package org.aftersales.notification.simulator;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GreenMail SMTP server standing in for the mail server on the embedded default: it accepts every message
 * and keeps it in memory. If the configured port is taken (another application on this machine, another
 * test context in this JVM), it listens on a free port instead and says so in the log.
 */
public class MailSimulator {

  private static final Logger log = LoggerFactory.getLogger(MailSimulator.class);
  private static final long STARTUP_TIMEOUT_MS = 10_000;

  private final MailSimulatorProperties properties;
  private GreenMail greenMail;

  public MailSimulator(MailSimulatorProperties properties) {
    this.properties = properties;
  }

  public synchronized void start() {
    int port = properties.port();
    if (port != 0 && isFree(port)) {
      greenMail = startOnUnlessTaken(port);
    }
    if (greenMail == null) {
      if (port != 0) {
        log.warn("Mail simulator cannot listen on {}:{}, which is taken; using a free port instead",
            properties.host(), port);
      }
      greenMail = startOn(0);
    }
    log.info("Mail simulator listening for SMTP on {}:{}", properties.host(), port());
  }

  public synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  /** The port it listens on. */
  public synchronized int port() {
    if (greenMail == null) {
      throw new IllegalStateException("The mail simulator is not running");
    }
    return greenMail.getSmtp().getPort();
  }

  /** True if a mail sender with this host and port was configured to reach the simulator. */
  public boolean isConfiguredAt(String host, int port) {
    return properties.host().equalsIgnoreCase(host) && properties.port() == port;
  }

  /** The messages received, oldest first; only those to {@code to} (ignoring case) unless it is blank. */
  public synchronized List<ReceivedMail> messages(String to) {
    if (greenMail == null) {
      return List.of();
    }
    return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
        .sorted(Comparator.comparing(StoredMessage::getReceivedDate))
        .map(MailSimulator::read)
        .filter(mail -> to == null || to.isBlank() || Arrays.stream(mail.to().split(", "))
            .anyMatch(to.strip()::equalsIgnoreCase))
        .toList();
  }

  /** Null if someone took the port after {@link #isFree} found it free. */
  private GreenMail startOnUnlessTaken(int port) {
    try {
      return startOn(port);
    } catch (IllegalStateException taken) {
      return null;
    }
  }

  private GreenMail startOn(int port) {
    ServerSetup setup = new ServerSetup(port, properties.host(), ServerSetup.PROTOCOL_SMTP);
    setup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
    GreenMail server = new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      server.start();
      return server;
    } catch (IllegalStateException e) {
      server.stop();
      throw e;
    }
  }

  private boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(properties.host()), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ReceivedMail read(StoredMessage stored) {
    MimeMessage message = stored.getMimeMessage();
    try {
      Address[] recipients = message.getAllRecipients();
      String to = recipients == null ? "" : Arrays.stream(recipients)
          .map(address -> address instanceof InternetAddress internet ? internet.getAddress() : address.toString())
          .collect(Collectors.joining(", "));
      return new ReceivedMail(to, message.getSubject(), text(message.getContent()),
          OffsetDateTime.ofInstant(stored.getReceivedDate().toInstant(), ZoneOffset.UTC));
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Cannot read a message the mail simulator received", e);
    }
  }

  private static String text(Object content) throws MessagingException, IOException {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return String.valueOf(part.getContent());
        }
      }
      return "";
    }
    return String.valueOf(content);
  }
}
