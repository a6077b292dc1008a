package dev.logline.server.collect.elastic;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.http.JsonResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls shippers and Elasticsearch clients make before they send {@code _bulk}: the product info at
 * {@code GET /}, cluster health, license, xpack, nodes, and index/template/ILM/pipeline setup. Setup objects
 * that are PUT are remembered (in memory) so a later GET or HEAD finds them and the client does not PUT again;
 * they have no effect on how events are stored.
 */
public final class EsCompatibilityService implements HttpService {

    /** The Elasticsearch version we answer as; 8.x clients and shippers accept it. */
    public static final String VERSION = "8.15.0";

    private static final String CLUSTER = "logline";
    private static final String NODE_ID = "logline-node-1";

    /** PUT bodies by path: index templates, legacy templates, ILM policies, pipelines, data streams. */
    private final Map<String, String> setup = new ConcurrentHashMap<>();

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        return HttpResponse.of(req.aggregate().thenApply(agg -> answer(ctx, agg)));
    }

    private HttpResponse answer(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        String path = ctx.path();
        HttpMethod method = req.method();
        if (path.equals("/")) {
            return info();
        }
        if (path.startsWith("/_cluster/health")) {
            return json("{\"cluster_name\":\"" + CLUSTER + "\",\"status\":\"green\",\"timed_out\":false,"
                    + "\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":1,"
                    + "\"active_shards\":1,\"relocating_shards\":0,\"initializing_shards\":0,"
                    + "\"unassigned_shards\":0,\"delayed_unassigned_shards\":0,\"number_of_pending_tasks\":0,"
                    + "\"number_of_in_flight_fetch\":0,\"task_max_waiting_in_queue_millis\":0,"
                    + "\"active_shards_percent_as_number\":100.0}");
        }
        if (path.startsWith("/_license")) {
            return json("{\"license\":{\"status\":\"active\",\"uid\":\"00000000-0000-0000-0000-000000000000\","
                    + "\"type\":\"basic\",\"issue_date_in_millis\":0,\"max_nodes\":1000,"
                    + "\"issued_to\":\"" + CLUSTER + "\",\"issuer\":\"elasticsearch\",\"start_date_in_millis\":-1}}");
        }
        if (path.startsWith("/_xpack")) {
            return json("{\"build\":{\"hash\":\"logline\",\"date\":\"2024-08-05T10:05:34.233336849Z\"},"
                    + "\"license\":{\"uid\":\"00000000-0000-0000-0000-000000000000\",\"type\":\"basic\","
                    + "\"mode\":\"basic\",\"status\":\"active\"},"
                    + "\"features\":{\"ilm\":{\"available\":true,\"enabled\":true},"
                    + "\"security\":{\"available\":false,\"enabled\":false}},\"tagline\":\"You know, for X\"}");
        }
        if (path.startsWith("/_nodes")) {
            String address = ctx.localAddress().getHostString() + ":" + ctx.localAddress().getPort();
            return json("{\"_nodes\":{\"total\":1,\"successful\":1,\"failed\":0},\"cluster_name\":\"" + CLUSTER + "\","
                    + "\"nodes\":{\"" + NODE_ID + "\":{\"name\":\"" + NODE_ID + "\",\"version\":\"" + VERSION + "\","
                    + "\"roles\":[\"data\",\"ingest\",\"master\"],"
                    + "\"http\":{\"publish_address\":\"" + address + "\",\"bound_address\":[\"" + address + "\"]}}}}");
        }
        if (isSetupPath(path)) {
            return setupObject(method, path, req.contentUtf8());
        }
        // PUT or HEAD of an index: every index "exists", documents are accepted into any name.
        String index = path.substring(1);
        if (method == HttpMethod.PUT) {
            return json("{\"acknowledged\":true,\"shards_acknowledged\":true,\"index\":\"" + escape(index) + "\"}");
        }
        return HttpResponse.of(HttpStatus.OK);
    }

    private static boolean isSetupPath(String path) {
        return path.startsWith("/_index_template") || path.startsWith("/_template")
                || path.startsWith("/_component_template") || path.startsWith("/_ilm")
                || path.startsWith("/_ingest") || path.startsWith("/_data_stream") || path.startsWith("/_alias");
    }

    private HttpResponse setupObject(HttpMethod method, String path, String body) {
        switch (method.name()) {
            case "PUT":
            case "POST":
                String object = body.isBlank() ? "{}" : body.trim();
                if (!isJsonObject(object)) {
                    return EsErrors.of(HttpStatus.BAD_REQUEST, "parse_exception",
                            "request body is required to be a JSON object");
                }
                setup.put(path, object);
                return json("{\"acknowledged\":true}");
            case "DELETE":
                return setup.remove(path) != null ? json("{\"acknowledged\":true}") : notFound(path);
            case "HEAD":
                return HttpResponse.of(setup.containsKey(path) ? HttpStatus.OK : HttpStatus.NOT_FOUND);
            default:
                String stored = setup.get(path);
                if (stored == null) {
                    return notFound(path);
                }
                return json(describe(path, stored));
        }
    }

    /** The GET shape of a stored setup object, as Elasticsearch returns each kind. */
    private static String describe(String path, String body) {
        String name = escape(path.substring(path.lastIndexOf('/') + 1));
        if (path.startsWith("/_index_template")) {
            return "{\"index_templates\":[{\"name\":\"" + name + "\",\"index_template\":" + body + "}]}";
        }
        if (path.startsWith("/_component_template")) {
            return "{\"component_templates\":[{\"name\":\"" + name + "\",\"component_template\":" + body + "}]}";
        }
        if (path.startsWith("/_ilm/policy")) {
            String rest = body.substring(1).trim();
            return "{\"" + name + "\":{\"version\":1,\"modified_date\":\"2024-01-01T00:00:00.000Z\""
                    + (rest.equals("}") ? "" : ",") + rest + "}";
        }
        if (path.startsWith("/_data_stream")) {
            return "{\"data_streams\":[{\"name\":\"" + name + "\",\"timestamp_field\":{\"name\":\"@timestamp\"},"
                    + "\"indices\":[],\"generation\":1,\"status\":\"GREEN\",\"template\":\"" + name + "\"}]}";
        }
        return "{\"" + name + "\":" + body + "}";
    }

    private static boolean isJsonObject(String text) {
        try (com.fasterxml.jackson.core.JsonParser p = dev.logline.core.LogEventJson.FACTORY.createParser(text)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static HttpResponse notFound(String path) {
        return EsErrors.of(HttpStatus.NOT_FOUND, "resource_not_found_exception", "no such resource [" + path + "]");
    }

    /** The {@code GET /} answer of an Elasticsearch 8 node, which clients use to check the product and version. */
    public static HttpResponse info() {
        return json("{\"name\":\"" + NODE_ID + "\",\"cluster_name\":\"" + CLUSTER + "\","
                + "\"cluster_uuid\":\"bG9nbGluZS1jbHVzdGVyLTE\","
                + "\"version\":{\"number\":\"" + VERSION + "\",\"build_flavor\":\"default\",\"build_type\":\"tar\","
                + "\"build_hash\":\"logline\",\"build_date\":\"2024-08-05T10:05:34.233336849Z\",\"build_snapshot\":false,"
                + "\"lucene_version\":\"9.11.1\",\"minimum_wire_compatibility_version\":\"7.17.0\","
                + "\"minimum_index_compatibility_version\":\"7.0.0\"},\"tagline\":\"You Know, for Search\"}");
    }

    private static HttpResponse json(String body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return new String(JsonResponse.bytes(g -> g.writeString(s)), StandardCharsets.UTF_8)
                .replaceAll("^\"|\"$", "");
    }
}
