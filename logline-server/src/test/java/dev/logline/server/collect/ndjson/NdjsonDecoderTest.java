package dev.logline.server.collect.ndjson;

import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.Rejection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonDecoderTest {

    DecodedBatch decode(String body) {
        return NdjsonDecoder.decode(body.getBytes(StandardCharsets.UTF_8), 5L);
    }

    @Test
    void linesAreNumberedCountingBlankOnes() {
        DecodedBatch b = decode("\n{\"msg\":\"a\"}\n\n{\"msg\":\"c\"}\r\n{bad\n{\"msg\":\"b\"}");
        assertThat(b.events()).extracting(e -> e.msg()).containsExactly("a", "c", "b");
        assertThat(b.items()).extracting(DecodedItem::item).containsExactly(2, 4, 6);
        assertThat(b.items()).extracting(DecodedItem::bytes).as("each line's own bytes, without \\r").containsExactly(11L, 11L, 11L);
        assertThat(b.rejected()).extracting(Rejection::item).containsExactly(5);
        assertThat(b.rejected().get(0).error()).isEqualTo("invalid JSON at line 1, column 2: unexpected character"
                + " 'b'; check for a missing comma, colon or quote before it");
    }

    @Test
    void anArrayNumbersItsItemsAndRejectsNonObjects() {
        DecodedBatch b = decode(" [ {\"msg\":\"a\"}, 3, \"s\", [1], {\"msg\":\"b\"}, null ]");
        assertThat(b.events()).extracting(e -> e.msg()).containsExactly("a", "b");
        assertThat(b.rejected()).extracting(Rejection::item).containsExactly(2, 3, 4, 6);
        assertThat(b.rejected().get(0).error()).contains("a number");
    }

    @Test
    void brokenArraySyntaxKeepsTheItemsBefore() {
        DecodedBatch b = decode("[{\"msg\":\"a\"},{\"msg\":\"b\" \"x\":1},{\"msg\":\"c\"}]");
        assertThat(b.events()).extracting(e -> e.msg()).containsExactly("a");
        assertThat(b.rejected()).hasSize(1);
        assertThat(b.rejected().get(0).item()).isEqualTo(2);
        assertThat(b.rejected().get(0).error()).contains("items after it were not read");
        DecodedBatch open = decode("[{\"msg\":\"a\"}");
        assertThat(open.events()).hasSize(1);
        assertThat(open.rejected()).hasSize(1);
    }

    @Test
    void onePrettyPrintedObjectIsOneEvent() {
        DecodedBatch b = decode("{\n  \"msg\": \"pretty\",\n  \"level\": \"WARN\"\n}\n");
        assertThat(b.events()).extracting(e -> e.msg()).containsExactly("pretty");
        assertThat(b.rejected()).isEmpty();
    }

    @Test
    void eventsWithoutATimeGetTheArrivalTime() {
        assertThat(decode("{\"msg\":\"a\"}").events().get(0).tsMicros()).isEqualTo(5L);
    }

    /** Found by NdjsonDecoderFuzzTest: the syntax error after a finished item was reported under that item's number. */
    @Test
    void aSyntaxErrorBetweenItemsIsTheNextItemsNotTheLastOnes() {
        DecodedBatch rejectedThenBroken = decode("[\"ts\":1]");
        assertThat(rejectedThenBroken.rejected()).extracting(Rejection::item).containsExactly(1, 2);
        DecodedBatch keptThenBroken = decode("[{\"msg\":\"a\"} x");
        assertThat(keptThenBroken.items()).extracting(DecodedItem::item).containsExactly(1);
        assertThat(keptThenBroken.rejected()).extracting(Rejection::item).containsExactly(2);
    }
}
