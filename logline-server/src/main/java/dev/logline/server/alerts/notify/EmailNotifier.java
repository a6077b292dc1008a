package dev.logline.server.alerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.NotificationTarget;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Properties;

/**
 * Sends a notification as a plain-text e-mail through the configured SMTP server (Jakarta Mail, Eclipse Angus):
 * the subject is the notification's message, the body its details and the link to the events.
 */
public final class EmailNotifier implements Notifier {

    private final SmtpSettings smtp;

    /** @param smtp the server, or {@code null} when none is configured (every e-mail then fails, saying so) */
    public EmailNotifier(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    @Override
    public void send(NotificationTarget target, ObjectNode payload) throws Exception {
        if (smtp == null) {
            throw new IllegalStateException("no SMTP server is configured; add \"smtp\" to the alerts file "
                    + "(logline server --alerts FILE), see docs/ALERTS.md");
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        if (smtp.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        } else if (smtp.security().equals("ssl")) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        for (String to : target.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(AlertNotification.text(payload, "message"), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Logline-Delivery", AlertNotification.text(payload, "id"));
        m.setText(body(payload), "UTF-8");
        if (smtp.username() != null) {
            Transport.send(m, smtp.username(), smtp.password());
        } else {
            Transport.send(m);
        }
    }

    static String body(ObjectNode payload) {
        StringBuilder b = new StringBuilder();
        b.append(AlertNotification.text(payload, "message")).append("\n\n");
        b.append("Rule:      ").append(payload.path("rule").path("name").asText()).append('\n');
        b.append("Query:     ").append(payload.path("rule").path("query").asText()).append('\n');
        b.append("Condition: ").append(payload.path("rule").path("condition").asText())
                .append(" over ").append(AlertNotification.text(payload, "window")).append('\n');
        if (!payload.path("group").isEmpty()) {
            b.append("Group:     ").append(payload.path("group")).append('\n');
        }
        b.append("State:     ").append(AlertNotification.text(payload, "state"))
                .append(" since ").append(AlertNotification.text(payload, "since")).append('\n');
        b.append("Severity:  ").append(payload.path("rule").path("severity").asText()).append('\n');
        b.append("Tenant:    ").append(AlertNotification.text(payload, "tenant")).append("\n\n");
        b.append("Events:    ").append(AlertNotification.text(payload, "link")).append('\n');
        return b.toString();
    }
}
