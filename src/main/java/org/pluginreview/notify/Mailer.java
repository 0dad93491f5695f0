package org.pluginreview.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Sends through the SMTP server {@code spring.mail.host} names; with none configured, the mail goes to
 * the log, so a demo shows what would have been sent.
 */
@Component
class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final ObjectProvider<MailSender> sender;
  private final String from;

  Mailer(ObjectProvider<MailSender> sender, @Value("${plugin-review.mail.from:plugin-review@localhost}") String from) {
    this.sender = sender;
    this.from = from;
  }

  void send(String to, String subject, String text) {
    MailSender smtp = sender.getIfAvailable();
    if (smtp == null) {
      log.info("Mail (no SMTP server configured) to {}: {}\n{}", to, subject, text);
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to);
    message.setSubject(subject);
    message.setText(text);
    smtp.send(message); // a failure fails the job: retried, then an incident
  }
}
