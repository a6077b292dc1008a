package dev.logline.server.alerts;

import dev.logline.server.alerts.notify.RetryPolicy;
import dev.logline.server.alerts.notify.SmtpSettings;
import dev.logline.server.documents.DocumentStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How alerting runs, with the defaults of {@code docs/CONFIG.md} ("Alerts"). Immutable; start from
 * {@link #inDataDir} and change what you need with the {@code with…} methods.
 *
 * @param documents   where rules, states, histories, silences and pending notifications are kept
 * @param provisioned the alerts file's read-only rules, by tenant
 * @param smtp        the SMTP server for e-mail targets, or {@code null}
 * @param publicUrl   the web UI's address in notification links, or {@code null} for the server's own address
 * @param clock       the time evaluations and retries go by
 * @param tick        how often the scheduler looks for due rules and notifications; {@link Duration#ZERO} runs no
 *                    scheduler (tests call {@link AlertEngine#runDueNow()})
 * @param workers     evaluations (and, separately, deliveries) running at once, at most
 * @param maxGroups   the most groups one rule's evaluation may have
 */
public record AlertSettings(DocumentStore documents, Map<String, List<AlertRule>> provisioned, SmtpSettings smtp,
                            String publicUrl, Clock clock, Duration tick, int workers, RetryPolicy retry,
                            int maxGroups) {

    public AlertSettings {
        Objects.requireNonNull(documents, "documents");
        provisioned = Map.copyOf(provisioned);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(retry, "retry");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be at least 1, was " + maxGroups);
        }
    }

    /** Documents under {@code <data>/documents}, no file rules, no SMTP, a 1 s tick, 2 workers. */
    public static AlertSettings inDataDir(Path data) {
        return of(DocumentStore.in(data));
    }

    public static AlertSettings of(DocumentStore documents) {
        return new AlertSettings(documents, Map.of(), null, null, Clock.systemUTC(), Duration.ofSeconds(1), 2,
                RetryPolicy.defaults(), AlertEvaluator.MAX_GROUPS);
    }

    /** With the rules, SMTP server and public URL of an alerts file. */
    public AlertSettings withFile(AlertsFile file) {
        return new AlertSettings(documents, file.rules(), file.smtp(), file.publicUrl(), clock, tick, workers, retry,
                maxGroups);
    }

    public AlertSettings withClock(Clock v) {
        return new AlertSettings(documents, provisioned, smtp, publicUrl, v, tick, workers, retry, maxGroups);
    }

    public AlertSettings withTick(Duration v) {
        return new AlertSettings(documents, provisioned, smtp, publicUrl, clock, v, workers, retry, maxGroups);
    }

    public AlertSettings withRetry(RetryPolicy v) {
        return new AlertSettings(documents, provisioned, smtp, publicUrl, clock, tick, workers, v, maxGroups);
    }

    public AlertSettings withSmtp(SmtpSettings v) {
        return new AlertSettings(documents, provisioned, v, publicUrl, clock, tick, workers, retry, maxGroups);
    }

    public AlertSettings withPublicUrl(String v) {
        return new AlertSettings(documents, provisioned, smtp, v, clock, tick, workers, retry, maxGroups);
    }

    public AlertSettings withMaxGroups(int v) {
        return new AlertSettings(documents, provisioned, smtp, publicUrl, clock, tick, workers, retry, v);
    }

    public AlertSettings withWorkers(int v) {
        return new AlertSettings(documents, provisioned, smtp, publicUrl, clock, tick, v, retry, maxGroups);
    }
}
