package dev.logline.cli.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows files like Filebeat and ships their events to a Logline server, at least once: a file's offset is saved
 * only after the server acknowledged every event before it, so a restart continues where the acknowledged data ends.
 *
 * <p>One thread does everything in turn: scan the patterns, read a batch across the files, send it (retrying with
 * backoff), save the offsets, repeat. Because a batch is sent before the next one is read, the offsets saved after an
 * acknowledgement are exactly the end of what the server has, and a clean stop (Ctrl-C) loses and repeats nothing.
 */
public final class FileShipper {

    private final ShipSettings settings;
    private final IngestClient client;
    private final ShipListener listener;
    private final FilePatterns patterns;
    private final ContinuationRule continuation;
    private final Path stateDir;
    private final Map<FileIdentity, TailedFile> tracked = new LinkedHashMap<>();
    private final Map<FileIdentity, SavedOffset> saved = new HashMap<>();
    /** Files found binary: skipped, and told once, not at every scan. */
    private final Set<FileIdentity> binary = new HashSet<>();
    private final Object wakeUp = new Object();
    private volatile boolean stopRequested;
    private int round;
    private long linesOfClosedFiles;
    private long events;
    private long rejected;
    private long bytes;

    public FileShipper(ShipSettings settings, IngestClient client, ShipListener listener) {
        this.settings = settings;
        this.client = client;
        this.listener = listener;
        this.patterns = new FilePatterns(settings.files());
        this.continuation = new ContinuationRule(settings.multilinePattern());
        this.stateDir = settings.stateDir().toAbsolutePath().normalize();
    }

    /**
     * Ships until everything is sent ({@code once}), {@link #stop()} is called, the thread is interrupted, or the
     * server keeps failing past the give-up time.
     *
     * @throws IOException when the state directory cannot be used
     */
    public ShipOutcome run() throws IOException {
        try (OffsetStore store = OffsetStore.open(settings.stateDir())) {
            for (SavedOffset s : store.load()) {
                saved.put(s.identity(), s);
            }
            try {
                scan();
                forgetVanishedFiles();
                long scanEvery = settings.scanInterval().toNanos();
                long nextScan = System.nanoTime() + scanEvery;
                while (!stopRequested && !Thread.currentThread().isInterrupted()) {
                    if (!settings.once() && System.nanoTime() - nextScan >= 0) {
                        scan();
                        nextScan = System.nanoTime() + scanEvery;
                    }
                    List<FileEvent> batch = gather();
                    if (batch.isEmpty()) {
                        if (settings.once()) {
                            return outcome(ShipOutcome.Ending.COMPLETED, null);
                        }
                        if (closeFinishedFiles()) {
                            store.save(offsets());
                        }
                        pause(settings.pollInterval());
                        continue;
                    }
                    Failed failed = deliver(batch, store);
                    if (failed != null) {
                        return outcome(failed.ending(), failed.failure());
                    }
                }
                return outcome(ShipOutcome.Ending.STOPPED, null);
            } finally {
                for (TailedFile f : tracked.values()) {
                    f.close();
                }
            }
        }
    }

    /** Asks a running shipper to stop after the batch in flight; safe from any thread (a shutdown hook). */
    public void stop() {
        stopRequested = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** The counts so far. */
    public ShipTotals totals() {
        long lines = linesOfClosedFiles;
        for (TailedFile f : tracked.values()) {
            lines += f.lines();
        }
        return new ShipTotals(tracked.size(), lines, events, rejected, bytes);
    }

    private record Failed(ShipOutcome.Ending ending, DeliveryFailure failure) {
    }

    private ShipOutcome outcome(ShipOutcome.Ending ending, DeliveryFailure failure) {
        return new ShipOutcome(ending, totals(), failure);
    }

    /** Expands the patterns: opens new files, follows renames within them, detaches files whose path is gone. */
    private void scan() {
        Set<FileIdentity> seen = new HashSet<>();
        for (Path path : patterns.scan()) {
            if (path.startsWith(stateDir)) {
                continue; // a broad glob must not ship our own offsets file back to us
            }
            FileIdentity id;
            try {
                id = FileIdentity.of(path);
            } catch (IOException vanished) {
                continue;
            }
            if (!seen.add(id)) {
                continue; // a hard link or a second pattern reaching the same file
            }
            TailedFile known = tracked.get(id);
            if (known != null) {
                if (!known.path().equals(path)) {
                    known.movedTo(path);
                }
                continue;
            }
            if (binary.contains(id)) {
                continue;
            }
            try {
                if (BinaryFiles.looksBinary(path)) {
                    binary.add(id);
                    listener.skippedBinary(path);
                    continue;
                }
            } catch (IOException unreadable) {
                continue;
            }
            SavedOffset s = saved.remove(id);
            try {
                TailedFile f = TailedFile.open(id, path, s == null ? 0 : s.offset(), settings.format(), continuation,
                        settings.service());
                tracked.put(id, f);
                listener.opened(path, f.committedOffset());
            } catch (IOException unreadable) {
                if (s != null) {
                    saved.put(id, s);
                }
            }
        }
        for (Map.Entry<FileIdentity, TailedFile> e : tracked.entrySet()) {
            boolean gone = !seen.contains(e.getKey());
            if (gone && !e.getValue().isDetached()) {
                listener.detached(e.getValue().path());
            }
            e.getValue().setDetached(gone);
        }
    }

    /**
     * Keeps the saved offsets of files outside today's patterns (another run may ship them) but forgets those whose
     * path no longer holds the same file, so the state does not grow with every rotated file ever seen.
     */
    private void forgetVanishedFiles() {
        saved.values().removeIf(s -> {
            try {
                Path p = Path.of(s.path());
                return !Files.isRegularFile(p) || !FileIdentity.of(p).equals(s.identity());
            } catch (IOException | RuntimeException gone) {
                return true;
            }
        });
    }

    /**
     * Reads up to a batch across the files; detached files first, so a rotated file is finished before its successor,
     * and the others starting one further each round, so one busy file cannot starve the rest.
     */
    private List<FileEvent> gather() {
        List<FileEvent> out = new ArrayList<>();
        long quiet = settings.multilineTimeout().toNanos();
        List<TailedFile> order = new ArrayList<>(tracked.values());
        if (!order.isEmpty()) {
            Collections.rotate(order, -(round++ % order.size()));
        }
        order.sort(Comparator.comparing(f -> !f.isDetached())); // stable: the rotation holds within each group
        for (TailedFile f : order) {
            if (out.size() >= settings.batchSize()) {
                break;
            }
            boolean complete = settings.once() || (f.isDetached() && f.isQuiet(quiet));
            try {
                f.read(out, settings.batchSize(), complete);
            } catch (IOException e) {
                // The channel is open, so this is a device error; the next round tries again.
                continue;
            }
            if (f.takeTruncation()) {
                listener.truncated(f.path());
            }
            if (!settings.once()) {
                f.flushIfQuiet(out, quiet);
            }
        }
        return out;
    }

    /**
     * Sends a batch until the server answers it, then saves the offsets. A batch the server finds too large (413)
     * is split in halves, each delivered on its own.
     *
     * @return {@code null} when the batch was acknowledged, otherwise how the run ends
     */
    private Failed deliver(List<FileEvent> batch, OffsetStore store) throws IOException {
        long firstFailure = 0;
        int attempt = 0;
        while (true) {
            IngestAnswer answer;
            try {
                answer = client.send(batch.stream().map(FileEvent::json).toList());
            } catch (DeliveryFailure f) {
                if (f.status() == 413) {
                    if (batch.size() == 1) {
                        answer = new IngestAnswer(0, List.of(new IngestAnswer.Rejection(1, f.getMessage())));
                    } else {
                        int half = batch.size() / 2;
                        Failed first = deliver(batch.subList(0, half), store);
                        return first != null ? first : deliver(batch.subList(half, batch.size()), store);
                    }
                } else if (!f.retryable()) {
                    return new Failed(ShipOutcome.Ending.REFUSED, f);
                } else {
                    if (stopRequested || Thread.currentThread().isInterrupted()) {
                        return new Failed(ShipOutcome.Ending.STOPPED, null);
                    }
                    if (attempt++ == 0) {
                        firstFailure = System.nanoTime();
                    }
                    Duration wait = Backoff.delay(attempt, f.retryAfter());
                    if (settings.giveUpAfter() != null
                            && System.nanoTime() - firstFailure + wait.toNanos() > settings.giveUpAfter().toNanos()) {
                        return new Failed(ShipOutcome.Ending.GAVE_UP, f);
                    }
                    listener.retrying(attempt, wait, f.getMessage());
                    if (!pause(wait)) {
                        return new Failed(ShipOutcome.Ending.STOPPED, null);
                    }
                    continue;
                }
            }
            acknowledge(batch, answer, store);
            return null;
        }
    }

    private void acknowledge(List<FileEvent> batch, IngestAnswer answer, OffsetStore store) throws IOException {
        for (IngestAnswer.Rejection r : answer.rejected()) {
            if (r.line() >= 1 && r.line() <= batch.size()) {
                FileEvent e = batch.get(r.line() - 1);
                listener.rejected(e.file().path(), e.endOffset(), r.error());
            }
        }
        for (FileEvent e : batch) {
            long before = e.file().committedOffset();
            e.file().acknowledge(e.endOffset());
            bytes += e.file().committedOffset() - before;
        }
        events += batch.size();
        rejected += answer.rejected().size();
        store.save(offsets());
        listener.acknowledged(batch.size(), totals());
    }

    /** Closes detached files that are read to their end and fully acknowledged; tells whether any was closed. */
    private boolean closeFinishedFiles() throws IOException {
        boolean closed = false;
        long quiet = settings.closeInactive().toNanos();
        for (Iterator<TailedFile> it = tracked.values().iterator(); it.hasNext(); ) {
            TailedFile f = it.next();
            if (f.isFinished(quiet)) {
                linesOfClosedFiles += f.lines();
                f.close();
                it.remove();
                closed = true;
            }
        }
        return closed;
    }

    private List<SavedOffset> offsets() {
        List<SavedOffset> all = new ArrayList<>();
        for (TailedFile f : tracked.values()) {
            all.add(new SavedOffset(f.identity(), f.path().toString(), f.committedOffset()));
        }
        all.addAll(saved.values());
        return all;
    }

    /** Waits, waking early on {@link #stop()}; {@code false} when the run should end. */
    private boolean pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (wakeUp) {
            while (!stopRequested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    wakeUp.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}
