package dev.logline.server.auth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.http.JsonResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Key and tenant management over HTTP, for admin keys: {@code GET|POST /api/v1/keys},
 * {@code DELETE /api/v1/keys/{id}} and {@code GET /api/v1/tenants}. A tenant's admin manages the keys of its own
 * tenant; an org-wide admin (tenant {@code *}) those of every tenant, makes new tenants by giving them their first
 * key, and lists the tenants. Answers never hold a secret, except the new key in the answer to its creation. Without
 * an API key (a server without keys, or {@code --no-auth}) keys are managed with {@code logline keys} on the server's
 * machine only.
 */
public final class KeysApi implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyFile keys;

    private KeysApi(KeyFile keys) {
        this.keys = keys;
    }

    /** Mounts the endpoints for a server's key file (none when the server has no key file). */
    public static void register(ServerBuilder sb, KeyFile keys) {
        if (keys == null) {
            return;
        }
        KeysApi api = new KeysApi(keys);
        sb.service("/api/v1/keys", api);
        sb.service("/api/v1/keys/{id}", api);
        sb.service("/api/v1/tenants", api);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        Caller caller = Caller.of(ctx);
        if (caller == null || caller.role() != Role.ADMIN) {
            return JsonResponse.error(HttpStatus.FORBIDDEN, "managing keys over the API needs an admin key; on a "
                    + "server without keys use `logline keys` on its machine");
        }
        HttpMethod method = req.method();
        CompletableFuture<HttpResponse> answer = req.aggregate().thenApplyAsync(body -> {
            try {
                String path = ctx.path();
                if (path.equals("/api/v1/tenants") && method == HttpMethod.GET) {
                    return tenants(caller);
                }
                if (path.equals("/api/v1/keys") && method == HttpMethod.GET) {
                    return list(caller, ctx.queryParam("tenant"));
                }
                if (path.equals("/api/v1/keys") && method == HttpMethod.POST) {
                    return create(caller, body.content().array());
                }
                if (path.startsWith("/api/v1/keys/") && method == HttpMethod.DELETE) {
                    return revoke(caller, ctx.pathParam("id"));
                }
                return JsonResponse.error(HttpStatus.METHOD_NOT_ALLOWED, method + " is not allowed on " + path
                        + "; use GET or POST /api/v1/keys, DELETE /api/v1/keys/{id}, GET /api/v1/tenants");
            } catch (IllegalArgumentException e) {
                return JsonResponse.error(HttpStatus.BAD_REQUEST, e.getMessage());
            } catch (NoSuchElementException e) {
                return JsonResponse.error(HttpStatus.NOT_FOUND, e.getMessage());
            } catch (SecurityException e) {
                return JsonResponse.error(HttpStatus.FORBIDDEN, e.getMessage());
            } catch (KeyFileException e) {
                return JsonResponse.error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
            }
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(answer);
    }

    private HttpResponse list(Caller caller, String tenant) {
        if (tenant != null && !caller.orgWide() && !tenant.equals(caller.tenant())) {
            throw new SecurityException("an admin of tenant " + caller.tenant() + " lists only its own keys");
        }
        String only = caller.orgWide() ? tenant : caller.tenant();
        Map<String, Instant> used = KeyUsage.lastUses(keys);
        List<StoredKey> all = keys.read();
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("keys");
            for (StoredKey k : all) {
                if (only == null || k.tenant().equals(only)) {
                    write(g, k, used.get(k.id()));
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private HttpResponse create(Caller caller, byte[] body) {
        JsonNode req;
        try {
            req = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getMessage().split("\n", 2)[0]);
        }
        if (req == null || !req.isObject()) {
            throw new IllegalArgumentException("send a JSON object such as {\"role\": \"ingest\", \"tenant\": \"shop\", "
                    + "\"name\": \"shippers\", \"expires\": \"90d\"}");
        }
        Role role = Role.parse(req.path("role").asText(null));
        String tenant = req.hasNonNull("tenant") ? req.get("tenant").asText() : caller.orgWide() ? "default"
                : caller.tenant();
        if (!caller.orgWide() && !tenant.equals(caller.tenant())) {
            throw new SecurityException("an admin of tenant " + caller.tenant() + " creates keys for its own tenant "
                    + "only; an org-wide admin (tenant *) manages the others");
        }
        Instant expires = KeyExpiry.parse(req.path("expires").asText(null), Instant.now());
        IssuedKey issued = keys.create(role, tenant, req.path("name").asText(""), expires);
        return JsonResponse.of(HttpStatus.CREATED, g -> {
            g.writeStartObject();
            g.writeStringField("key", issued.token().text());
            g.writeFieldName("stored");
            write(g, issued.key(), null);
            g.writeStringField("note", "this is the only time the key is shown; store it now");
            g.writeEndObject();
        });
    }

    private HttpResponse revoke(Caller caller, String id) {
        StoredKey key = keys.read().stream().filter(k -> k.id().equals(id)).findFirst().orElse(null);
        if (key == null || !caller.orgWide() && !key.tenant().equals(caller.tenant())) {
            throw new NoSuchElementException("no key with id '" + id + "'"
                    + (caller.orgWide() ? "" : " in tenant " + caller.tenant()));
        }
        StoredKey revoked = keys.revoke(id);
        return JsonResponse.of(HttpStatus.OK, g -> write(g, revoked, null));
    }

    private HttpResponse tenants(Caller caller) {
        if (!caller.orgWide()) {
            throw new SecurityException("listing tenants needs an org-wide admin key (tenant *)");
        }
        Map<String, int[]> counts = new TreeMap<>();
        Instant now = Instant.now();
        for (StoredKey k : keys.read()) {
            int[] c = counts.computeIfAbsent(k.tenant(), t -> new int[2]);
            c[0]++;
            if (!k.revoked() && !k.expired(now)) {
                c[1]++;
            }
        }
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("tenants");
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                g.writeStartObject();
                g.writeStringField("tenant", e.getKey());
                g.writeNumberField("keys", e.getValue()[0]);
                g.writeNumberField("active_keys", e.getValue()[1]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, StoredKey k, Instant lastUsed) throws IOException {
        k.writeListing(g, lastUsed, Instant.now());
    }
}
