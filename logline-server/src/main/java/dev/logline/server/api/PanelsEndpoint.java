package dev.logline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.Timestamps;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlPrinter;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.Query;
import dev.logline.query.QueryVariables;
import dev.logline.query.exec.QueryLimitException;
import dev.logline.query.exec.QueryPlan;
import dev.logline.server.auth.ApiKeyAuthorizer;
import dev.logline.server.http.JsonResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /api/v1/panels/query}: runs the queries of a dashboard's panels in one request, at most
 * {@code concurrency} at a time, each through the search endpoint's own path (so a panel answers exactly what
 * {@code /api/v1/search} answers for its query), after filling in the board's variables
 * ({@link QueryVariables}: values, never syntax). One panel's failure is that panel's answer
 * ({@code "status": 400, "error", "column"}), as Elasticsearch's {@code _msearch} does, so one bad query does not
 * blank the board; a malformed request is a 400 for the whole. See {@code docs/DASHBOARDS.md}.
 *
 * <pre>
 * {"time": {"last": "24h"}, "variables": {"service": "payments", "env": null},
 *  "panels": [{"id": "errors", "query": "level:ERROR service:$service | timechart 5m count() by service",
 *              "time": {"last": "1h"}, "limit": 50}, …]}
 * </pre>
 */
final class PanelsEndpoint implements HttpService {

    /** The most panels one request runs. */
    static final int MAX_PANELS = 50;
    /** Events a panel that lists events gets when it names no limit. */
    static final int DEFAULT_EVENT_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUEST_KEYS = Set.of("time", "variables", "panels");
    private static final Set<String> PANEL_KEYS = Set.of("id", "query", "time", "limit");

    private final ApiBackend backend;
    private final SearchEndpoint search;
    private final int concurrency;

    /** @param concurrency how many of one request's panels run at once */
    PanelsEndpoint(ApiBackend backend, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("panel concurrency must be at least 1, was " + concurrency);
        }
        this.backend = backend;
        this.search = new SearchEndpoint(backend);
        this.concurrency = concurrency;
    }

    /** One panel as asked. */
    private record Panel(String id, String query, TimeRange range, int limit) {
    }

    /** One panel's answer: the search answer's bytes, or the failure. */
    private record Outcome(Panel panel, String effectiveQuery, byte[] answer, Throwable failure) {
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) {
            return ApiErrors.methodNotAllowed(req.method(), ctx.path(), Set.of(HttpMethod.POST));
        }
        String tenant = backend.tenants().tenantOf(ctx);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse> answer = req.aggregate().thenComposeAsync(body -> {
            Map<String, String> variables = new LinkedHashMap<>();
            List<Panel> panels = read(body.content().array(), Instant.now(), variables);
            ctx.setAttr(ApiKeyAuthorizer.BODY_PARAMETERS, "panels=" + panels.size());
            Outcome[] outcomes = new Outcome[panels.size()];
            AtomicInteger next = new AtomicInteger();
            // A few workers take panels in turn: never more than `concurrency` queries of this board at once.
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(concurrency, panels.size()); w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = next.getAndIncrement(); i < panels.size(); i = next.getAndIncrement()) {
                        outcomes[i] = run(tenant, panels.get(i), variables);
                    }
                }, ctx.blockingTaskExecutor()));
            }
            return CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                    .thenApply(done -> JsonResponse.of(HttpStatus.OK, g -> write(g, outcomes, start)));
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(answer.exceptionally(ApiErrors::toResponse));
    }

    private Outcome run(String tenant, Panel panel, Map<String, String> variables) {
        String effective = panel.query();
        try {
            Query query = QueryVariables.substitute(LqlParser.parse(panel.query()), variables);
            effective = LqlPrinter.print(query);
            byte[] bytes = JsonResponse.bytes(search.answer(tenant, QueryPlan.of(query), panel.range(), panel.limit(),
                    null, backend.newBudget()));
            return new Outcome(panel, effective, bytes, null);
        } catch (RuntimeException e) {
            return new Outcome(panel, effective, null, e);
        }
    }

    private void write(JsonGenerator g, Outcome[] outcomes, long start) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("panels");
        for (Outcome o : outcomes) {
            g.writeStartObject();
            g.writeStringField("id", o.panel().id());
            g.writeStringField("query", o.effectiveQuery());
            g.writeStringField("from", Timestamps.formatMicros(o.panel().range().fromMicros()));
            g.writeStringField("to", Timestamps.formatMicros(o.panel().range().toMicros()));
            if (o.failure() == null) {
                g.writeNumberField("status", 200);
                g.writeFieldName("result");
                g.writeRawValue(new String(o.answer(), StandardCharsets.UTF_8));
            } else {
                writeFailure(g, JsonResponse.unwrap(o.failure()));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("concurrency", concurrency);
        g.writeNumberField("took_ms", (System.nanoTime() - start) / 1_000_000);
        g.writeEndObject();
    }

    /** A panel's failure in the API's error shape, with the status {@code /api/v1/search} would have answered. */
    private static void writeFailure(JsonGenerator g, Throwable t) throws IOException {
        if (t instanceof LqlSyntaxException e) {
            g.writeNumberField("status", 400);
            g.writeStringField("error", e.getMessage());
            g.writeNumberField("column", e.column());
            g.writeStringField("hint", e.hint());
        } else if (t instanceof IllegalArgumentException || t instanceof QueryLimitException) {
            g.writeNumberField("status", 400);
            g.writeStringField("error", t.getMessage());
        } else if (t instanceof TimeoutException) {
            g.writeNumberField("status", 503);
            g.writeStringField("error", "the query ran out of time: " + t.getMessage()
                    + "; narrow the time range or the filter");
        } else {
            g.writeNumberField("status", 500);
            g.writeStringField("error", "internal error: " + t);
        }
    }

    /** Reads and checks the request; what is wrong with it is a 400 for the whole request. */
    private List<Panel> read(byte[] body, Instant now, Map<String, String> variables) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: "
                    + String.valueOf(e.getMessage()).split("\n", 2)[0]);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object such as "
                    + "{\"time\": {\"last\": \"1h\"}, \"panels\": [{\"id\": \"a\", \"query\": \"* | stats count()\"}]}");
        }
        known(root, REQUEST_KEYS, "the request body");
        JsonNode vars = root.path("variables");
        if (!vars.isMissingNode() && !vars.isNull()) {
            if (!vars.isObject()) {
                throw new IllegalArgumentException("'variables' must be an object of names to values, "
                        + "such as {\"service\": \"payments\"} (null for all values)");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                if (!QueryVariables.NAME.matcher(v.getKey()).matches()) {
                    throw new IllegalArgumentException("variable name '" + ApiEndpoint.shorten(v.getKey())
                            + "' is not a name: a letter or _, then letters, digits or _ (at most 32)");
                }
                if (!v.getValue().isNull() && !v.getValue().isValueNode()) {
                    throw new IllegalArgumentException("variable '" + v.getKey() + "' must be a string, a number "
                            + "or null (all values)");
                }
                variables.put(v.getKey(), v.getValue().isNull() ? null : v.getValue().asText());
            }
        }
        TimeRange boardRange = range(root.path("time"), "time", now, null);
        JsonNode list = root.path("panels");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("'panels' must be a non-empty array of {\"id\", \"query\"}");
        }
        if (list.size() > MAX_PANELS) {
            throw new IllegalArgumentException("a request runs at most " + MAX_PANELS + " panels, not " + list.size()
                    + "; split the board");
        }
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String where = "panels[" + i + "]";
            if (!p.isObject()) {
                throw new IllegalArgumentException(where + " must be an object with a query");
            }
            known(p, PANEL_KEYS, where);
            if (!p.path("query").isTextual()) {
                throw new IllegalArgumentException(where + " needs a 'query' (LQL text)");
            }
            String id = p.path("id").isValueNode() ? p.get("id").asText() : Integer.toString(i);
            TimeRange range = range(p.path("time"), where + ".time", now, boardRange);
            int max = backend.config().maxSearchLimit();
            int limit = p.path("limit").canConvertToInt() ? p.get("limit").asInt() : DEFAULT_EVENT_LIMIT;
            if (limit < 1) {
                throw new IllegalArgumentException(where + ".limit must be at least 1, was " + limit);
            }
            panels.add(new Panel(id, p.get("query").asText(), range, Math.min(limit, max)));
        }
        return panels;
    }

    /** {@code {"last": "1h"}} or {@code {"from": …, "to": …}}; absent means the board's range (or the last hour). */
    private static TimeRange range(JsonNode time, String where, Instant now, TimeRange otherwise) {
        if (time.isMissingNode() || time.isNull()) {
            return otherwise != null ? otherwise : TimeRange.of(null, null, "1h", now, Duration.ofHours(1));
        }
        if (!time.isObject()) {
            throw new IllegalArgumentException("'" + where + "' must be an object such as {\"last\": \"1h\"} or "
                    + "{\"from\": \"2026-11-22T10:00:00Z\", \"to\": \"2026-11-22T11:00:00Z\"}");
        }
        known(time, Set.of("last", "from", "to"), where);
        try {
            return TimeRange.of(text(time, "from"), text(time, "to"), text(time, "last"), now, Duration.ofHours(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void known(JsonNode o, Set<String> keys, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + ApiEndpoint.shorten(k) + "' in " + where
                        + "; it may hold " + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }
}
