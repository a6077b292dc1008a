package dev.logline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved searches over HTTP: saved by name per tenant, listed, renamed, deleted; names unique; queries checked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedSearchesApiTest {

    BoardServer server;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path folder) {
        server = new BoardServer(data, folder);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    @Test
    void saveListRenameDelete() {
        JsonNode saved = server.expect(201, "POST", "/api/v1/saved-searches", server.readA,
                "{\"name\": \"payment timeouts\", \"query\": \"service:purchasing \\\"timed out\\\"\", "
                        + "\"time\": {\"last\": \"24h\"}}");
        String id = saved.get("id").asText();
        assertThat(saved.get("search").toString())
                .isEqualTo("{\"name\":\"payment timeouts\",\"query\":\"service:purchasing \\\"timed out\\\"\","
                        + "\"time\":{\"last\":\"24h\"},\"tz\":\"utc\"}");
        assertThat(saved.get("owner").asText()).isEqualTo(server.readA.key().id());

        JsonNode list = server.expect(200, "GET", "/api/v1/saved-searches", server.readA, null);
        assertThat(list.get("items").findValuesAsText("name")).contains("payment timeouts");
        assertThat(server.expect(200, "GET", "/api/v1/saved-searches", server.readB, null).get("items")).isEmpty();

        JsonNode renamed = server.expect(200, "PUT", "/api/v1/saved-searches/" + id, server.readA,
                "{\"version\": 1, \"search\": {\"name\": \"gateway timeouts\", \"query\": \"service:purchasing "
                        + "\\\"timed out\\\"\", \"time\": {\"last\": \"24h\"}}}");
        assertThat(renamed.get("search").get("name").asText()).isEqualTo("gateway timeouts");
        assertThat(renamed.get("version").asLong()).isEqualTo(2);

        server.expect(403, "DELETE", "/api/v1/saved-searches/" + id, server.otherReadA, null);
        server.expect(204, "DELETE", "/api/v1/saved-searches/" + id, server.readA, null);
        server.expect(404, "GET", "/api/v1/saved-searches/" + id, server.readA, null);
    }

    @Test
    void namesAreUniqueInATenantInAnyCase() {
        server.expect(201, "POST", "/api/v1/saved-searches", server.readA, "{\"name\": \"Errors\", \"query\": \"level:ERROR\"}");
        JsonNode taken = server.expect(409, "POST", "/api/v1/saved-searches", server.otherReadA,
                "{\"name\": \"errors\", \"query\": \"level:ERROR\"}");
        assertThat(taken.get("error").asText()).contains("with name 'errors' exists already");
        // Another tenant has names of its own.
        server.expect(201, "POST", "/api/v1/saved-searches", server.readB, "{\"name\": \"errors\", \"query\": \"*\"}");
    }

    @Test
    void aQueryThatDoesNotParseIsRefusedWithItsColumn() {
        JsonNode refused = server.expect(400, "POST", "/api/v1/saved-searches", server.readA,
                "{\"name\": \"broken\", \"query\": \"level:(ERROR\"}");
        assertThat(refused.get("field").asText()).isEqualTo("query");
        assertThat(refused.get("column").asInt()).isPositive();
        assertThat(server.expect(400, "POST", "/api/v1/saved-searches", server.readA,
                "{\"name\": \"x\", \"query\": \"*\", \"tz\": \"mars\"}").get("error").asText()).contains("\"utc\" or \"local\"");
    }
}
