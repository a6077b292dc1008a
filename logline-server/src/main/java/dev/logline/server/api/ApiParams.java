package dev.logline.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.linecorp.armeria.common.QueryParams;
import dev.logline.core.LogEventJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one query request, read the same way whether they came in the URL's query string (GET) or as
 * a JSON object body (POST, for queries too long for a URL): {@code {"q": "…", "last": "1h", "limit": 100}}. Body
 * values are strings or numbers ({@code null} means absent); a body names only the endpoint's parameters, so a
 * typo is a 400 instead of a silently ignored setting.
 */
final class ApiParams {

    private final Map<String, String> values;

    private ApiParams(Map<String, String> values) {
        this.values = values;
    }

    /** The URL's parameters; names the endpoint does not read are ignored (caches and proxies add some). */
    static ApiParams of(QueryParams params) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : params.names()) {
            values.put(name, params.get(name));
        }
        return new ApiParams(values);
    }

    /**
     * A POST body.
     *
     * @param known the parameters the endpoint reads
     * @throws IllegalArgumentException saying what is wrong with the body
     */
    static ApiParams ofJsonBody(byte[] body, List<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser p = LogEventJson.FACTORY.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the request body must be a JSON object such as "
                        + "{\"q\": \"level:ERROR\", \"last\": \"1h\"}" + (t == null ? "; it is empty" : ""));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown parameter '" + name + "' in the request body; this "
                            + "endpoint reads " + String.join(", ", known));
                }
                JsonToken v = p.nextToken();
                switch (v) {
                    case VALUE_STRING:
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        values.put(name, p.getText());
                        break;
                    case VALUE_NULL:
                        values.remove(name);
                        break;
                    default:
                        throw new IllegalArgumentException("parameter '" + name + "' in the request body must be a "
                                + "string or a number, not " + describe(v));
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("the request body has more after its JSON object; send one object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: "
                    + String.valueOf(e.getMessage()).split("\n", 2)[0]);
        }
        return new ApiParams(values);
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            default: return t.name();
        }
    }

    /** The value, or {@code null} when the request does not give it. */
    String get(String name) {
        return values.get(name);
    }

    String get(String name, String defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : v;
    }

    /** The parameters as a query string without secrets, for the audit log of a POST. */
    String describeForAudit() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> {
            if (!k.equals("api_key")) {
                b.append(b.length() == 0 ? "" : "&").append(QueryParams.of(k, v).toQueryString());
            }
        });
        return b.toString();
    }
}
