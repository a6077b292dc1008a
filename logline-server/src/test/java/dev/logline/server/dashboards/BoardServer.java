package dev.logline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.auth.AuthSettings;
import dev.logline.server.auth.IssuedKey;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
import dev.logline.server.documents.DocumentStore;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * A real server with auth on, documents in its data directory and provisioned boards from {@code boards}; keys
 * for tenant {@code alpha} (two read keys, an admin and an ingest key) and a read key of tenant {@code bravo}.
 */
final class BoardServer implements AutoCloseable {

    final ServerFixture fx;
    final IssuedKey readA;
    final IssuedKey otherReadA;
    final IssuedKey adminA;
    final IssuedKey ingestA;
    final IssuedKey readB;

    BoardServer(Path data, Path boards) {
        KeyFile keys = KeyFile.in(data);
        readA = keys.create(Role.READ, "alpha", "alice");
        otherReadA = keys.create(Role.READ, "alpha", "bob");
        adminA = keys.create(Role.ADMIN, "alpha", "ops");
        ingestA = keys.create(Role.INGEST, "alpha", "shippers");
        readB = keys.create(Role.READ, "bravo", "carol");
        fx = new ServerFixture(data, LoglineServer.builder()
                .config(ServerConfig.defaults().withPort(0))
                .auth(AuthSettings.inDataDir(data))
                .documents(DocumentStore.in(data))
                .dashboards(DashboardSettings.defaults().withProvisionedFolder(boards)));
    }

    HttpResponse<String> call(String method, String path, IssuedKey key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key.token().text());
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return fx.send(b);
    }

    /** A call that must answer {@code status}; its body as JSON (null for an empty body). */
    JsonNode expect(int status, String method, String path, IssuedKey key, String body, String... headers) {
        HttpResponse<String> r = call(method, path, key, body, headers);
        if (r.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ", not " + status + ": "
                    + r.body());
        }
        return r.body().isEmpty() ? null : ServerFixture.json(r);
    }

    /** Ingests NDJSON into the key's tenant and makes it searchable. */
    void ingest(IssuedKey key, String ndjson) {
        HttpResponse<String> r = call("POST", "/api/v1/ingest", key, ndjson);
        if (r.statusCode() != 200 || ServerFixture.json(r).path("rejected").size() != 0) {
            throw new AssertionError("ingest failed: " + r.statusCode() + " " + r.body());
        }
        fx.store.refreshNow();
    }

    @Override
    public void close() throws IOException {
        fx.close();
    }
}
