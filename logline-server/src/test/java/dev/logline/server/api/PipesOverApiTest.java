package dev.logline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The API runs every pipe through logline-query's executor, in the order written, over events newest first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipesOverApiTest {

    ServerFixture fx;

    /** e0 … e19, one second apart (e19 newest); every third is an ERROR; latency_ms = (i * 7) % 20. */
    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir);
        Instant base = Instant.now().minusSeconds(300);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append("{\"ts\":\"").append(Timestamps.formatMicros(LogEvent.toMicros(base.plusSeconds(i))))
                    .append("\",\"level\":\"").append(i % 3 == 0 ? "ERROR" : "INFO").append("\",\"msg\":\"e").append(i)
                    .append("\",\"service\":\"").append(i % 2 == 0 ? "even" : "odd")
                    .append("\",\"latency_ms\":").append((i * 7) % 20).append("}\n");
        }
        fx.ingest(b.toString());
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    private List<String> messages(String lql) {
        List<String> out = new ArrayList<>();
        fx.search(lql, "").get("events").forEach(e -> out.add(e.path("msg").asText(null)));
        return out;
    }

    @Test
    void limitThenWhereDiffersFromWhereThenLimit() {
        assertThat(messages("* | limit 5 | where level:ERROR")).containsExactly("e18", "e15");
        assertThat(messages("* | where level:ERROR | limit 5")).containsExactly("e18", "e15", "e12", "e9", "e6");
    }

    @Test
    void sortAndLimitComposeInEitherOrder() {
        // the three lowest latencies of all: 0 (e0), 1 (e3), 2 (e6)
        assertThat(messages("* | sort by latency_ms | limit 3")).containsExactly("e0", "e3", "e6");
        // the newest three (e19 latency 13, e18 6, e17 19), by latency
        assertThat(messages("* | limit 3 | sort by latency_ms")).containsExactly("e18", "e19", "e17");
        JsonNode r = fx.search("* | sort by latency_ms", "&limit=2");
        assertThat(r.get("events")).hasSize(2);
        assertThat(r.get("cursor").isNull()).isTrue();
    }

    @Test
    void aLimitBeforeStatsCountsTheNewestEvents() {
        JsonNode t = fx.search("* | limit 6 | stats count() by level", "");
        assertThat(t.get("rows").toString()).isEqualTo("[[\"ERROR\",2],[\"INFO\",4]]");
        // leading wheres are the store's filter; the table is the same as before
        JsonNode w = fx.search("* | where service:even | stats count() by level", "");
        assertThat(w.get("rows").toString()).isEqualTo("[[\"ERROR\",4],[\"INFO\",6]]");
        JsonNode sorted = fx.search("* | sort by latency_ms desc | limit 4 | stats max(latency_ms), min(latency_ms)", "");
        assertThat(sorted.get("rows").toString()).isEqualTo("[[19,16]]");
    }

    @Test
    void fieldsHideFromLaterPipesAndFromTheAnswer() {
        assertThat(messages("* | fields msg | where level:ERROR")).isEmpty();
        JsonNode r = fx.search("* | fields msg, latency_ms | fields msg, level | limit 1", "");
        JsonNode e = r.get("events").get(0);
        assertThat(e.get("msg").asText()).isEqualTo("e19");
        assertThat(e.has("level")).isTrue();
        assertThat(e.get("level").isNull()).isTrue(); // hidden by the first fields pipe
        assertThat(e.has("latency_ms")).isFalse();
    }

    @Test
    void aWhereAfterFieldsStillPagesWithTheCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = fx.search("* | fields msg, level | where level:INFO",
                    "&limit=4" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            page.get("events").forEach(e -> seen.add(e.get("msg").asText()));
            cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).hasSize(13).doesNotHaveDuplicates().startsWith("e19", "e17", "e16", "e14");
    }

    @Test
    void histogramAndFieldsCountTheEventsThePipesSelect() {
        JsonNode h = json(fx.get("/api/v1/histogram?last=1h&q=" + enc("* | limit 4")));
        assertThat(h.get("total").asLong()).isEqualTo(4);
        JsonNode hw = json(fx.get("/api/v1/histogram?last=1h&q=" + enc("* | where level:ERROR | stats count()")));
        assertThat(hw.get("total").asLong()).isEqualTo(7);

        JsonNode f = json(fx.get("/api/v1/fields?last=1h&q=" + enc("* | sort by latency_ms | limit 3 | fields service, msg")));
        List<String> names = new ArrayList<>();
        f.get("fields").forEach(x -> names.add(x.get("field").asText()));
        assertThat(names).containsExactlyInAnyOrder("service", "msg");
        for (JsonNode x : f.get("fields")) {
            assertThat(x.get("count").asLong()).isEqualTo(3);
        }
        JsonNode all = json(fx.get("/api/v1/fields?last=1h&q=" + enc("level:ERROR | fields level")));
        assertThat(all.get("fields")).hasSize(1);
        assertThat(all.get("fields").get(0).get("count").asLong()).isEqualTo(7);
    }
}
