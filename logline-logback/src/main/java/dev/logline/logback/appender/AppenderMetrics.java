package dev.logline.logback.appender;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Live self-metrics of one {@link LoglineAppender}: read them through {@link LoglineAppender#metrics()} or JMX.
 * Counting is package-private; readers see totals since start.
 */
public final class AppenderMetrics implements LoglineAppenderMXBean {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");
    private volatile boolean waitingForApiKey;
    private volatile IntSupplier queueDepth = () -> 0;
    private volatile LongSupplier spoolBytes = () -> 0;

    void sources(IntSupplier queueDepth, LongSupplier spoolBytes) {
        this.queueDepth = queueDepth;
        this.spoolBytes = spoolBytes;
    }

    void sent(long n) {
        sent.addAndGet(n);
    }

    void failed(String error) {
        failed.incrementAndGet();
        lastError.set(error);
    }

    void dropped(long n) {
        dropped.addAndGet(n);
    }

    void rejected(long n, String error) {
        rejected.addAndGet(n);
        dropped.addAndGet(n);
        lastError.set(error);
    }

    void spooled(long n) {
        spooled.addAndGet(n);
    }

    void error(String error) {
        lastError.set(error);
    }

    void waitingForApiKey(boolean waiting) {
        waitingForApiKey = waiting;
    }

    @Override
    public boolean isWaitingForApiKey() {
        return waitingForApiKey;
    }

    @Override
    public long getSent() {
        return sent.get();
    }

    @Override
    public long getFailed() {
        return failed.get();
    }

    @Override
    public long getDropped() {
        return dropped.get();
    }

    @Override
    public long getRejected() {
        return rejected.get();
    }

    @Override
    public long getSpooled() {
        return spooled.get();
    }

    @Override
    public int getQueueDepth() {
        return queueDepth.getAsInt();
    }

    @Override
    public long getSpoolBytes() {
        return spoolBytes.getAsLong();
    }

    @Override
    public String getLastError() {
        return lastError.get();
    }

    /** One line for the status system. */
    public String summary() {
        return (waitingForApiKey ? "WAITING FOR A VALID API KEY (events held, not dropped) " : "") + "sent=" + getSent() + " failed=" + getFailed() + " dropped=" + getDropped() + " (rejected="
                + getRejected() + ") spooled=" + getSpooled() + " queue=" + getQueueDepth() + " spoolBytes="
                + getSpoolBytes() + (getLastError().isEmpty() ? "" : " lastError=" + getLastError());
    }
}
