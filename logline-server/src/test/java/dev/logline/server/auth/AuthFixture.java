package dev.logline.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;

/**
 * A real server with auth on over a real store, and keys of every role: ingest, read and admin for tenant
 * {@code alpha}, read and ingest for tenant {@code bravo}, and a revoked admin key.
 */
final class AuthFixture implements AutoCloseable {

    final KeyFile keys;
    final IssuedKey ingestA;
    final IssuedKey readA;
    final IssuedKey adminA;
    final IssuedKey ingestB;
    final IssuedKey readB;
    final IssuedKey revoked;
    final ServerFixture fx;

    AuthFixture(Path data) {
        keys = KeyFile.in(data);
        ingestA = keys.create(Role.INGEST, "alpha", "alpha shippers");
        readA = keys.create(Role.READ, "alpha", "alpha dashboards");
        adminA = keys.create(Role.ADMIN, "alpha", "alpha ops");
        ingestB = keys.create(Role.INGEST, "bravo", null);
        readB = keys.create(Role.READ, "bravo", null);
        revoked = keys.create(Role.ADMIN, "alpha", "leaked");
        keys.revoke(revoked.key().id());
        fx = new ServerFixture(data, LoglineServer.builder()
                .config(ServerConfig.defaults().withPort(0))
                .auth(AuthSettings.inDataDir(data)));
    }

    static String bearer(IssuedKey key) {
        return "Bearer " + key.token().text();
    }

    static String now() {
        return Timestamps.formatMicros(LogEvent.toMicros(Instant.now()));
    }

    /** A request with {@code Authorization: Bearer} of the key, or none when the key is {@code null}. */
    HttpRequest.Builder request(String pathAndQuery, IssuedKey key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.uri(pathAndQuery));
        if (key != null) {
            b.header("Authorization", bearer(key));
        }
        return b;
    }

    HttpResponse<String> get(String pathAndQuery, IssuedKey key) {
        return fx.send(request(pathAndQuery, key).GET());
    }

    HttpResponse<String> post(String path, IssuedKey key, String contentType, String body) {
        return fx.send(request(path, key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Ingests NDJSON with the key, asserts it all went in, and makes it searchable. */
    void ingest(IssuedKey key, String ndjson) {
        HttpResponse<String> r = post("/api/v1/ingest", key, "application/x-ndjson", ndjson);
        if (r.statusCode() != 200 || json(r).path("rejected").size() != 0) {
            throw new AssertionError("ingest failed: " + r.statusCode() + " " + r.body());
        }
        fx.store.refreshNow();
    }

    /** The messages a search over the last hour finds with the key. */
    JsonNode search(IssuedKey key, String lql) {
        HttpResponse<String> r = get("/api/v1/search?last=1h&q=" + enc(lql), key);
        if (r.statusCode() != 200) {
            throw new AssertionError("search failed: " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    @Override
    public void close() throws IOException {
        fx.close();
    }
}
