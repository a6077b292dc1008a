package dev.logline.server.alerts.notify;

import java.util.Objects;

/**
 * The SMTP server alert e-mails go through (the {@code smtp} object of the alerts file).
 *
 * @param username {@code null} for a server without authentication
 * @param security {@code none}, {@code starttls} (required) or {@code ssl} (implicit TLS, usually port 465)
 */
public record SmtpSettings(String host, int port, String from, String username, String password, String security) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        security = security == null ? "none" : security;
        if (!security.equals("none") && !security.equals("starttls") && !security.equals("ssl")) {
            throw new IllegalArgumentException("smtp.security must be none, starttls or ssl, was '" + security + "'");
        }
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("smtp.port must be 1..65535, was " + port);
        }
    }
}
