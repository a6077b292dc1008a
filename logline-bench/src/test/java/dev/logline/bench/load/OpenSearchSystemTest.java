package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of the OpenSearch peer that need no running node: its index definition and its bulk answers. */
class OpenSearchSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theIndexIsTunedForBulkLoadWithAnExplicitMapping() throws Exception {
        JsonNode def = JSON.readTree(OpenSearchSystem.indexDefinition());

        JsonNode index = def.path("settings").path("index");
        assertThat(index.path("codec").asText()).isEqualTo("best_compression");
        assertThat(index.path("refresh_interval").asText()).isEqualTo("30s");
        assertThat(index.path("number_of_replicas").asInt()).isZero();
        JsonNode props = def.path("mappings").path("properties");
        assertThat(props.path("ts").path("type").asText()).isEqualTo("date");
        assertThat(props.path("msg").path("type").asText()).isEqualTo("text");
        assertThat(props.path("trace_id").path("type").asText()).isEqualTo("keyword");
    }

    @Test
    void countsTheItemsABulkAnswerRejected() throws Exception {
        OpenSearchSystem os = new OpenSearchSystem(java.nio.file.Path.of("unused"), "", "1g");

        assertThat(os.rejected(JSON.readTree("{\"errors\":false}"))).isZero();
        assertThat(os.rejected(JSON.readTree("{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},"
                + "{\"index\":{\"status\":400}},{\"index\":{\"status\":429}}]}"))).isEqualTo(2);
    }
}
