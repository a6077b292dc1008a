package dev.logline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.ServerFixture;
import dev.logline.store.columnar.ColumnarLogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The fields answer says how many events its summary covers, and whether that is only the newest of more. */
class FieldsCoverageTest {

    @Test
    void aSummaryOfTheNewestMatchesSaysItIsASample(@TempDir Path dir) throws Exception {
        int total = ColumnarLogStore.FIELDS_SAMPLE + 500;
        Instant base = Instant.now().minusSeconds(300);
        try (ServerFixture fx = new ServerFixture(dir)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < total; i++) {
                b.append("{\"ts\":\"").append(base.plusMillis(i)).append("\",\"msg\":\"bulk ").append(i)
                        .append("\",\"service\":\"").append(i % 2 == 0 ? "a" : "b").append("\"}\n");
            }
            fx.ingest(b.toString());
            fx.ingest("{\"ts\":\"" + base + "\",\"msg\":\"lonely\",\"service\":\"c\"}\n");

            JsonNode all = json(fx.get("/api/v1/fields?last=1h&q=bulk"));
            assertThat(all.get("events").asLong()).isEqualTo(ColumnarLogStore.FIELDS_SAMPLE);
            assertThat(all.get("matched").asLong()).isEqualTo(total);
            assertThat(all.get("sample").asBoolean()).isTrue();

            JsonNode one = json(fx.get("/api/v1/fields?last=1h&q=lonely"));
            assertThat(one.get("events").asLong()).isEqualTo(1);
            assertThat(one.get("matched").asLong()).isEqualTo(1);
            assertThat(one.get("sample").asBoolean()).isFalse();
        }
    }
}
