package dev.logline.server.collect.elastic;

import dev.logline.core.LogEvent;
import dev.logline.server.ingest.DecodedItem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EsBulkDecoderTest {

    EsBulkDecoder.DecodedBulk bulk;

    List<BulkItem> decode(String body, String urlIndex) {
        bulk = EsBulkDecoder.decode(body.getBytes(StandardCharsets.UTF_8), urlIndex, 1_000_000L);
        return bulk.actions();
    }

    /** The document read for the action at {@code index} (0-based), numbered by its position in the batch. */
    DecodedItem document(int index) {
        return bulk.batch().items().stream().filter(i -> i.item() == index + 1).findFirst().orElseThrow();
    }

    LogEvent event(int index) {
        return document(index).event();
    }

    @Test
    void readsIndexAndCreateWithTheirMetadata() {
        List<BulkItem> items = decode("{\"index\":{\"_index\":\"a\",\"_id\":7}}\n{\"message\":\"one\"}\n"
                + "{\"create\":{\"_id\":\"x\",\"routing\":\"r\",\"dynamic_templates\":{\"k\":\"v\"}}}\n{\"message\":\"two\"}", "b");
        assertThat(items).extracting(BulkItem::action).containsExactly("index", "create");
        assertThat(items).extracting(BulkItem::index).containsExactly("a", "b");
        assertThat(items).extracting(BulkItem::id).containsExactly("7", "x");
        assertThat(items).extracting(BulkItem::line).containsExactly(1, 3);
        assertThat(event(0).msg()).isEqualTo("one");
        assertThat(event(0).attribute("es_index")).isEqualTo("a");
        assertThat(event(1).tsMicros()).as("no time: the arrival time").isEqualTo(1_000_000L);
    }

    @Test
    void blankAndWhitespaceLinesAnywhereAreSkipped() {
        List<BulkItem> items = decode("\n\r\n{\"index\":null}\r\n  \n\t\n{\"message\":\"one\"}\r\n\n\n", null);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).error()).isNull();
        assertThat(items.get(0).index()).isEqualTo("logline");
    }

    @Test
    void deleteTakesNoDocumentLineAndUpdateConsumesOne() {
        List<BulkItem> items = decode("{\"delete\":{\"_id\":\"1\"}}\n{\"update\":{\"_id\":\"2\"}}\n{\"doc\":{}}\n"
                + "{\"index\":{}}\n{\"message\":\"kept\"}\n", null);
        assertThat(items).extracting(BulkItem::action).containsExactly("delete", "update", "index");
        assertThat(items.get(0).error().reason()).contains("append-only");
        assertThat(items.get(1).error().reason()).contains("append-only");
        assertThat(event(2).msg()).isEqualTo("kept");
    }

    @Test
    void badDocumentsFailAloneWithTheirReason() {
        List<BulkItem> items = decode("{\"index\":{}}\n{\"message\": \"x\n{\"index\":{}}\n[1]\n"
                + "{\"index\":{}}\n{\"message\":\"" + "y".repeat(200) + "\"}\n{\"index\":{}}\n{\"message\":\"ok\"}\n", null);
        assertThat(items).hasSize(4);
        assertThat(items.get(0).error().type()).isEqualTo("document_parsing_exception");
        assertThat(items.get(1).error().reason()).contains("expected a JSON object");
        assertThat(items.get(2).error()).as("size is the sink's to judge").isNull();
        assertThat(document(2).bytes()).as("measured by its line, not re-serialised").isEqualTo(214);
        assertThat(event(3).msg()).isEqualTo("ok");
        assertThat(bulk.batch().rejected()).extracting(r -> r.item()).containsExactly(1, 2);
    }

    @Test
    void anActionWithoutItsDocumentIsRefused() {
        List<BulkItem> items = decode("{\"index\":{}}\n", null);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).error().reason()).contains("no document line");
    }

    @Test
    void malformedDocumentsAreExplainedWithoutParserInternals() {
        List<BulkItem> items = decode("{\"index\":{}}\n{\"message\": \"x\"\n", null);
        assertThat(items.get(0).error().reason())
                .isEqualTo("[2:1] invalid JSON at line 1, column 16: the text ends before the JSON is complete"
                        + " (a missing '}', ']' or '\"', or a cut-off body)")
                .doesNotContain("Source", "REDACTED", "marker");
    }

    @Test
    void unreadableActionLinesFailTheWholeRequest() {
        assertThatThrownBy(() -> decode("{\"index\":{}}\n{\"m\":1}\nnot json\n{}\n", null))
                .isInstanceOf(MalformedBulkException.class).hasMessageContaining("line [3]");
        assertThatThrownBy(() -> decode("{\"frobnicate\":{}}\n{}\n", null))
                .hasMessageContaining("[create, delete, index, update]");
        assertThatThrownBy(() -> decode("{\"index\":\"a\"}\n{}\n", null))
                .hasMessageContaining("metadata must be an object");
    }
}
