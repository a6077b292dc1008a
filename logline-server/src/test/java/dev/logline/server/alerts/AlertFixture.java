package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.alerts.notify.RetryPolicy;
import dev.logline.server.auth.AuthSettings;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

import static dev.logline.server.ServerFixture.json;

/**
 * A real server with alerting over a real column store, on a {@link ManualClock} that starts an hour ago (so every
 * event the test writes is in the past) and without a scheduler: {@link #evaluate} moves the clock and runs what the
 * scheduler would. Restartable on the same data directory.
 */
final class AlertFixture implements AutoCloseable {

    final Path data;
    final ManualClock clock = new ManualClock(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    private final UnaryOperator<AlertSettings> tune;
    private final boolean auth;
    ServerFixture fx;

    AlertFixture(Path data) {
        this(data, s -> s);
    }

    AlertFixture(Path data, UnaryOperator<AlertSettings> tune) {
        this(data, tune, false);
    }

    /** @param auth whether the server checks the API keys of {@code data} */
    AlertFixture(Path data, UnaryOperator<AlertSettings> tune, boolean auth) {
        this.data = data;
        this.tune = tune;
        this.auth = auth;
        start();
    }

    private void start() {
        AlertSettings settings = tune.apply(AlertSettings.inDataDir(data).withClock(clock).withTick(Duration.ZERO)
                .withRetry(new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(2))));
        fx = new ServerFixture(data, LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).alerts(settings)
                .auth(auth ? AuthSettings.inDataDir(data) : AuthSettings.none()));
    }

    /** Stops the server and store and starts them again on the same data, as after a restart. */
    void restart() throws IOException {
        fx.close();
        start();
    }

    AlertEngine engine() {
        return fx.server.alerts();
    }

    /** Creates a rule through the API and answers it (asserting 201). */
    JsonNode createRule(String ruleJson) {
        HttpResponse<String> r = post("/api/v1/alerts", ruleJson);
        if (r.statusCode() != 201) {
            throw new AssertionError("creating the rule answered " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    HttpResponse<String> post(String path, String body) {
        return fx.post(path, body, "Content-Type", "application/json");
    }

    HttpResponse<String> put(String path, String body) {
        return fx.send(HttpRequest.newBuilder(fx.uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String path) {
        return fx.send(HttpRequest.newBuilder(fx.uri(path)).DELETE());
    }

    JsonNode get(String path) {
        HttpResponse<String> r = fx.get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    /** Writes {@code count} events of a service and level, stamped at the clock's now, and makes them searchable. */
    void ingest(String service, String level, int count) {
        StringBuilder b = new StringBuilder();
        String ts = Timestamps.formatMicros(LogEvent.toMicros(clock.instant()));
        for (int i = 0; i < count; i++) {
            b.append("{\"ts\":\"").append(ts).append("\",\"level\":\"").append(level).append("\",\"service\":\"")
                    .append(service).append("\",\"msg\":\"event ").append(i).append("\",\"latency_ms\":")
                    .append(100 + i).append(",\"request_id\":\"r").append(i).append("\"}\n");
        }
        fx.ingest(b.toString());
    }

    /** Moves the clock, then evaluates due rules and delivers due notifications as one scheduler tick would. */
    void evaluate(Duration advance) {
        clock.advance(advance);
        fx.store.refreshNow();
        engine().runDueNow();
    }

    /** The rule's state as the API answers it. */
    JsonNode status(String id) {
        return get("/api/v1/alerts/" + id).path("status");
    }

    @Override
    public void close() throws IOException {
        fx.close();
    }
}
