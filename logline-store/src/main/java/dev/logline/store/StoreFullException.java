package dev.logline.store;

import java.time.Duration;

/**
 * The store refuses writes because its disk is (nearly) full; nothing acknowledged before is lost. A collector
 * answers 507 Insufficient Storage (or its protocol's nearest "retry later") with this message, which says what to do.
 */
public class StoreFullException extends BackpressureException {

    public StoreFullException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
