package org.pluginreview.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * An SMTP server in the test JVM, on a free loopback port, that the service under test sends through;
 * tests read the mails back from it. One for the whole run, as the Spring context is shared.
 */
public final class TestSmtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static GreenMail server;

  public static synchronized GreenMail server() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      server.start();
    }
    return server;
  }

  /** The mails received so far for one address. */
  public static List<MimeMessage> to(String address) {
    return Arrays.stream(server().getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    int port = server().getSmtp().getPort();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testSmtp",
        Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port)));
  }
}
