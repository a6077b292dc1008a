package dev.logline.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key expiry, last-use times, the org-wide admin and its keys API, and the slowing of an address that presents bad
 * keys, against a real server with auth on.
 */
class KeyControlsTest {

    @TempDir
    Path data;

    private AuthFixture auth;

    @AfterEach
    void close() throws IOException {
        if (auth != null) {
            auth.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        return auth.fx.send(b);
    }

    @Test
    void anExpiredKeyIsRefusedSayingWhen() throws IOException {
        KeyFile keys = KeyFile.in(data);
        IssuedKey soon = keys.create(Role.READ, "alpha", "short-lived", Instant.now().plusSeconds(3600));
        // Rewrite it as already expired, as time would.
        List<StoredKey> all = new ArrayList<>(keys.read());
        all.replaceAll(k -> k.id().equals(soon.key().id()) ? new StoredKey(k.id(), k.name(), k.role(), k.tenant(),
                k.created(), null, k.secretHash(), Instant.now().minusSeconds(60)) : k);
        Files.write(keys.path(), KeyFile.render(all));
        auth = new AuthFixture(data);
        HttpResponse<String> r = auth.get("/api/v1/search?q=*", soon);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).contains("API key " + soon.key().id() + " expired at", "ask for a new one");
        assertThat(auth.get("/api/v1/search?q=*", auth.readA).statusCode()).isEqualTo(200);
    }

    @Test
    void eachKeysLastUseIsRecordedBesideTheKeyFile() throws IOException {
        auth = new AuthFixture(data);
        auth.ingest(auth.ingestA, "{\"msg\":\"hello\"}\n");
        assertThat(auth.get("/api/v1/search?q=*", auth.readA).statusCode()).isEqualTo(200);
        auth.fx.server.auth().flushUsage();
        var used = KeyUsage.lastUses(auth.keys);
        assertThat(used).containsKeys(auth.ingestA.key().id(), auth.readA.key().id())
                .doesNotContainKey(auth.adminA.key().id());
        assertThat(used.get(auth.readA.key().id())).isAfter(Instant.now().minusSeconds(120));
    }

    @Test
    void anOrgWideAdminManagesEveryTenantAndATenantAdminOnlyItsOwn() throws IOException {
        IssuedKey org = KeyFile.in(data).create(Role.ADMIN, StoredKey.ORG_WIDE, "ops");
        auth = new AuthFixture(data);

        // It acts for the tenant a request names.
        HttpResponse<String> ingest = send(auth.request("/api/v1/ingest", org).header("X-Logline-Tenant", "bravo")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"written by ops for bravo\"}\n")));
        assertThat(ingest.statusCode()).isEqualTo(200);
        auth.fx.store.refreshNow();
        assertThat(auth.search(auth.readB, "ops").get("events")).hasSize(1);
        assertThat(auth.search(auth.readA, "ops").get("events")).isEmpty();

        JsonNode tenants = json(auth.get("/api/v1/tenants", org));
        assertThat(tenants.get("tenants")).extracting(t -> t.get("tenant").asText()).contains("*", "alpha", "bravo");

        // A new tenant is made by giving it its first key.
        HttpResponse<String> created = send(auth.request("/api/v1/keys", org).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"ingest\",\"tenant\":\"charlie\",\"expires\":\"30d\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String charlieKey = json(created).get("key").asText();
        assertThat(json(created).get("stored").get("expires").asText()).isNotBlank();
        assertThat(json(auth.get("/api/v1/keys?tenant=charlie", org)).get("keys")).hasSize(1)
                .allSatisfy(k -> assertThat(k.toString()).doesNotContain(charlieKey));
        HttpResponse<String> byCharlie = auth.fx.send(HttpRequest.newBuilder(auth.fx.uri("/api/v1/ingest"))
                .header("Authorization", "Bearer " + charlieKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"hi\"}\n")));
        // The new key is picked up with the file (within a second).
        for (int i = 0; i < 30 && byCharlie.statusCode() == 401; i++) {
            sleep(100);
            byCharlie = auth.fx.send(HttpRequest.newBuilder(auth.fx.uri("/api/v1/ingest"))
                    .header("Authorization", "Bearer " + charlieKey)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"hi\"}\n")));
        }
        assertThat(byCharlie.statusCode()).isEqualTo(200);

        // A tenant's admin: its own keys only.
        JsonNode own = json(auth.get("/api/v1/keys", auth.adminA));
        assertThat(own.get("keys")).isNotEmpty().allSatisfy(k -> assertThat(k.get("tenant").asText()).isEqualTo("alpha"));
        assertThat(auth.get("/api/v1/keys?tenant=bravo", auth.adminA).statusCode()).isEqualTo(403);
        assertThat(auth.get("/api/v1/tenants", auth.adminA).statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = send(auth.request("/api/v1/keys", auth.adminA)
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"read\",\"tenant\":\"bravo\"}")));
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> widen = send(auth.request("/api/v1/keys", auth.adminA)
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\",\"tenant\":\"*\"}")));
        assertThat(widen.statusCode()).isEqualTo(403);
        assertThat(send(auth.request("/api/v1/keys/" + auth.readB.key().id(), auth.adminA).DELETE()).statusCode())
                .isEqualTo(404);
        assertThat(send(auth.request("/api/v1/keys/" + auth.readB.key().id(), org).DELETE()).statusCode())
                .isEqualTo(200);
        // Reading keys is administration: a read key may not.
        assertThat(auth.get("/api/v1/keys", auth.readA).statusCode()).isEqualTo(403);
    }

    @Test
    void aBurstOfBadKeysFromOneAddressIsSlowedNotServed() throws IOException {
        auth = new AuthFixture(data);
        String unknown = "Bearer ll_0123456789ab_" + "B".repeat(43);
        int refused = 0;
        HttpResponse<String> r = null;
        for (int i = 0; i < 40 && (r == null || r.statusCode() != 429); i++) {
            r = send(HttpRequest.newBuilder(auth.fx.uri("/api/v1/search?q=*")).header("Authorization", unknown));
            refused++;
        }
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(refused).isGreaterThan(10);
        assertThat(r.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(json(r).get("error").asText()).contains("too many bad API keys");
        // Even a good key from that address waits; a request without a key is not counted and still gets its 401.
        assertThat(auth.get("/api/v1/search?q=*", auth.readA).statusCode()).isEqualTo(429);
        assertThat(auth.get("/api/v1/search?q=*", null).statusCode()).isEqualTo(401);
        // A good caller from another address is served as usual.
        String other = auth.fx.getFrom("127.0.0.2", "/api/v1/search?q=*",
                "Authorization: " + AuthFixture.bearer(auth.readA));
        assertThat(other).as(other).startsWith("HTTP/1.1 200");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
