package dev.logline.logback.appender.transport;

import java.time.Duration;
import java.util.List;

/**
 * What became of one batch: delivered (perhaps with lines the receiver refused), worth retrying, too large (split it),
 * waiting for a valid API key, or refused.
 */
public sealed interface SendOutcome {

    /**
     * The receiver took the batch.
     *
     * @param accepted how many events it stored
     * @param rejected the lines it refused (those are dropped: sending them again would fail again)
     */
    record Delivered(int accepted, List<RejectedLine> rejected) implements SendOutcome {
        public Delivered {
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * A temporary failure (unreachable, 5xx, 429): send the same batch again later.
     *
     * @param retryAfter  the wait the receiver asked for, or {@code null} to use the backoff
     * @param reason      what went wrong, for the status system
     * @param unreachable nobody answered (connection refused or not made): the sender may probe
     *                    ({@link Transport#reachable}) and send again as soon as the receiver is back
     */
    record Retry(Duration retryAfter, String reason, boolean unreachable) implements SendOutcome {

        /** A failure from a receiver that answered (a 5xx, a 429) or one not known to be away. */
        public Retry(Duration retryAfter, String reason) {
            this(retryAfter, reason, false);
        }
    }

    /**
     * The receiver refused the API key (HTTP 401: none or unknown; 403: revoked, or without the ingest role). The
     * events are not at fault: they wait (in the spool) until a valid key is configured, and are sent then.
     *
     * @param status 401 or 403
     * @param reason the status and the receiver's explanation
     */
    record Unauthorized(int status, String reason) implements SendOutcome {
    }

    /**
     * The receiver refused the whole batch for a reason that sending again will not fix (a 4xx such as 400 or 422):
     * a poison batch, dropped and counted.
     *
     * @param reason the status and the receiver's explanation
     */
    record Refused(String reason) implements SendOutcome {
    }

    /**
     * The receiver refused the batch as too large (HTTP 413): the sender splits it in halves and sends each; a single
     * event still refused is dropped and counted as rejected.
     *
     * @param reason the status and the receiver's explanation
     */
    record TooLarge(String reason) implements SendOutcome {
    }

    /**
     * One line the receiver refused.
     *
     * @param line  its 1-based position in the batch
     * @param error the receiver's explanation
     */
    record RejectedLine(int line, String error) {
    }
}
