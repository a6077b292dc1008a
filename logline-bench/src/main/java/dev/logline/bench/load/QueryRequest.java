package dev.logline.bench.load;

/**
 * One HTTP request of the query benchmark.
 *
 * @param method       GET or POST
 * @param pathAndQuery the path with its encoded query string
 * @param jsonBody     the JSON body, or {@code null}
 */
record QueryRequest(String method, String pathAndQuery, String jsonBody) {

    static QueryRequest get(String pathAndQuery) {
        return new QueryRequest("GET", pathAndQuery, null);
    }

    static QueryRequest post(String path, String jsonBody) {
        return new QueryRequest("POST", path, jsonBody);
    }
}
