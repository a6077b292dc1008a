package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One query of the benchmark, asked of each system in its own API, and how to read the answer so the report can
 * show that both systems answered alike.
 *
 * @param name             what the query does, as the report shows it
 * @param loglineRequest   the request for run {@code i} on Logline (runs may vary, e.g. the trace id)
 * @param loglineAnswer    a short summary of a Logline response
 * @param openSearchRequest the request for run {@code i} on OpenSearch
 * @param openSearchAnswer a short summary of an OpenSearch response
 */
record QueryCase(String name,
                 IntFunction<QueryRequest> loglineRequest, Function<JsonNode, String> loglineAnswer,
                 IntFunction<QueryRequest> openSearchRequest, Function<JsonNode, String> openSearchAnswer) {
}
