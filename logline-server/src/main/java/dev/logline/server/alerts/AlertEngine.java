package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.notify.AlertEventWriter;
import dev.logline.server.alerts.notify.AlertNotification;
import dev.logline.server.alerts.notify.EmailNotifier;
import dev.logline.server.alerts.notify.NotificationOutbox;
import dev.logline.server.alerts.notify.SlackNotifier;
import dev.logline.server.alerts.notify.WebhookNotifier;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.LogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs alerting: every {@link AlertSettings#tick()} a scheduler thread hands each enabled rule that is due (its
 * interval passed since its last evaluation) to a small pool of {@link AlertSettings#workers()} threads, and each
 * due notification to a pool of the same size; nothing here runs on ingest's or the HTTP server's threads, and a
 * full pool skips a rule until the next tick rather than queueing without bound. One evaluation per rule at a time.
 * An evaluation reads the window through the store's aggregation ({@link AlertEvaluator}), moves the state machine
 * ({@link AlertTransitions}), saves the state and history, writes each change to {@code logline.alerts} and
 * enqueues the notifications in the persistent {@link NotificationOutbox}.
 *
 * <p>Lifecycle: made by the server, {@link #start()}ed with it and {@link #close()}d before its store closes.
 */
public final class AlertEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final AlertSettings settings;
    private final AlertRepository repository;
    private final AlertEvaluator evaluator;
    private final AlertEventWriter events;
    private final NotificationOutbox outbox;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor deliveries;
    private ScheduledExecutorService scheduler;
    private volatile Supplier<String> baseUrl = () -> "http://127.0.0.1:4680";

    public AlertEngine(AlertSettings settings, LogStore store, EventSink sink, Duration queryTimeout) {
        this.settings = settings;
        this.repository = new AlertRepository(settings.documents(), settings.provisioned());
        this.evaluator = new AlertEvaluator(store, queryTimeout, settings.maxGroups());
        this.events = new AlertEventWriter(sink);
        this.outbox = new NotificationOutbox(settings.documents(), Map.of(
                NotificationTarget.Type.WEBHOOK, new WebhookNotifier(),
                NotificationTarget.Type.SLACK, new SlackNotifier(),
                NotificationTarget.Type.EMAIL, new EmailNotifier(settings.smtp())),
                settings.clock(), settings.retry(), this::recordGiveUp);
        this.workers = pool("logline-alerts-eval", settings.workers());
        this.deliveries = pool("logline-alerts-notify", settings.workers());
    }

    private static ThreadPoolExecutor pool(String name, int threads) {
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Where links in notifications point, when the settings name no public URL (the server's own address). */
    public void defaultBaseUrl(Supplier<String> v) {
        baseUrl = v;
    }

    public AlertRepository repository() {
        return repository;
    }

    public NotificationOutbox outbox() {
        return outbox;
    }

    public Instant now() {
        return settings.clock().instant();
    }

    /** Starts the scheduler, unless the settings' tick is zero. */
    public synchronized AlertEngine start() {
        if (!settings.tick().isZero() && scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "logline-alerts-scheduler");
                t.setDaemon(true);
                return t;
            });
            long ms = settings.tick().toMillis();
            scheduler.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void tick() {
        try {
            for (String tenant : repository.tenants()) {
                for (AlertRepository.VersionedRule v : repository.rules(tenant)) {
                    submitIfDue(tenant, v.rule());
                }
            }
            outbox.deliverDue(deliveries);
        } catch (RuntimeException e) {
            // The scheduler must survive anything one tick meets (an unreadable document, a full disk).
            LOG.warn("alert scheduler tick failed: {}", e.toString());
        }
    }

    private void submitIfDue(String tenant, AlertRule rule) {
        if (!due(tenant, rule)) {
            return;
        }
        String key = tenant + "/" + rule.id();
        if (!running.add(key)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    evaluate(tenant, rule);
                } finally {
                    running.remove(key);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            running.remove(key);
        }
    }

    private boolean due(String tenant, AlertRule rule) {
        if (!rule.enabled()) {
            return false;
        }
        Instant last = repository.state(tenant, rule).lastEvaluated();
        return last == null || !now().isBefore(last.plus(rule.interval()));
    }

    /**
     * Evaluates every due rule and then delivers every due notification, in the calling thread, and returns once
     * done: what the scheduler does in one tick, for tests with a scheduler-less engine and their own clock.
     */
    public void runDueNow() {
        for (String tenant : repository.tenants()) {
            for (AlertRepository.VersionedRule v : repository.rules(tenant)) {
                if (due(tenant, v.rule())) {
                    evaluate(tenant, v.rule());
                }
            }
        }
        outbox.deliverDue(Runnable::run);
    }

    /**
     * Evaluates one rule now and applies the outcome: state, history, {@code logline.alerts} events and
     * notifications.
     *
     * @return the evaluation
     */
    public Evaluation evaluate(String tenant, AlertRule rule) {
        RuleState before = repository.state(tenant, rule);
        Instant now = now();
        Evaluation e = evaluator.evaluate(tenant, rule, now, known(before, now));
        List<Silence> silences = repository.silences(tenant);
        AlertTransitions.Outcome o = AlertTransitions.apply(rule, before, e,
                group -> silences.stream().anyMatch(s -> s.silences(rule.id(), group, now)));
        repository.saveState(tenant, rule.id(), o.state());
        List<HistoryEntry> history = new ArrayList<>();
        for (Transition t : o.transitions()) {
            history.add(t.toHistory());
            if (t.notifies()) {
                for (NotificationTarget target : rule.targets()) {
                    ObjectNode payload = AlertNotification.of(null, tenant, rule, t, base());
                    outbox.enqueue(tenant, rule.id(), target, payload);
                }
            }
        }
        repository.appendHistory(tenant, rule.id(), history);
        try {
            events.write(tenant, rule, o.transitions());
        } catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("alert rule {} of tenant {}: its state changes could not be written to logline.alerts: {}",
                    rule.id(), tenant, ex.toString());
        }
        if (e.error() != null && before.error() == null) {
            LOG.warn("alert rule {} of tenant {} cannot be evaluated: {}", rule.id(), tenant, e.error());
        }
        return e;
    }

    /** Evaluates a rule without changing anything: the editor's preview and the API's test run. */
    public Evaluation preview(String tenant, AlertRule rule) {
        Instant now = now();
        return evaluator.evaluate(tenant, rule, now, known(repository.state(tenant, rule), now));
    }

    /**
     * The groups an evaluation must report even without events: those seen within
     * {@link AlertTransitions#FORGET_AFTER}, and any still pending or firing.
     */
    private static List<Map<String, String>> known(RuleState s, Instant now) {
        return s.groups().values().stream()
                .filter(g -> g.state() == AlertState.FIRING || g.state() == AlertState.PENDING
                        || (g.lastSeen() != null && g.lastSeen().plus(AlertTransitions.FORGET_AFTER).isAfter(now)))
                .map(GroupState::group).toList();
    }

    private String base() {
        return settings.publicUrl() != null ? settings.publicUrl() : baseUrl.get();
    }

    private void recordGiveUp(String tenant, String ruleId, String detail) {
        try {
            AlertState current = repository.rule(tenant, ruleId)
                    .map(v -> repository.state(tenant, v.rule()).overall()).orElse(AlertState.OK);
            repository.appendHistory(tenant, ruleId, List.of(new HistoryEntry(now(), Map.of(), current, current, null,
                    false, false, detail)));
        } catch (RuntimeException e) {
            LOG.warn("cannot record in rule {}'s history: {}", ruleId, detail);
        }
    }

    /** Stops the scheduler and waits briefly for running evaluations and deliveries; pending ones stay persisted. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        workers.shutdown();
        deliveries.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            deliveries.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
