package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.core.Timestamps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real third-party logs (loghub's Hadoop and Zookeeper samples: CRLF line ends, no final newline) read as plain
 * lines: one event per line, with the time and level loghub's hand-made ground truth gives. Skipped when the shared
 * corpora are not beside the project.
 */
class LoghubCorpusTest {

    private static final Path LOGHUB = Path.of("..", "..", "shared", "corpora", "loghub");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** LineId,Date,"Time",Level,… of the structured CSV. */
    private static final Pattern ROW = Pattern.compile("^(\\d+),([^,]+),\"([^\"]+)\",(\\w+),");

    @ParameterizedTest
    @ValueSource(strings = {"Hadoop", "Zookeeper"})
    void everyLineIsOneEventWithTheGroundTruthsTimeAndLevel(String system) throws Exception {
        Path log = LOGHUB.resolve(system).resolve(system + "_2k.log");
        Path truth = LOGHUB.resolve(system).resolve(system + "_2k.log_structured.csv");
        assumeTrue(Files.isRegularFile(log) && Files.isRegularFile(truth), "loghub corpus not present");

        List<FileEvent> events = new ArrayList<>();
        try (TailedFile f = TailedFile.open(FileIdentity.of(log), log, 0, ShipFormat.AUTO, new ContinuationRule(null), system)) {
            assertThat(f.read(events, Integer.MAX_VALUE, true)).isTrue();
        }
        List<String> rows = Files.readAllLines(truth).subList(1, 2001);
        assertThat(events).hasSize(rows.size());
        assertThat(events.get(events.size() - 1).endOffset()).isEqualTo(Files.size(log));
        for (int i = 0; i < rows.size(); i++) {
            Matcher row = ROW.matcher(rows.get(i));
            assertThat(row.find()).as("row %d", i + 1).isTrue();
            JsonNode e = JSON.readTree(events.get(i).json());
            String expectedTs = Timestamps.formatMicros(Timestamps.parseMicros(row.group(2) + " " + row.group(3)));
            assertThat(e.path("ts").asText()).as("line %d", i + 1).isEqualTo(expectedTs);
            assertThat(e.path("level").asText()).as("line %d", i + 1).isEqualTo(row.group(4));
            assertThat(e.path("msg").asText()).doesNotEndWith("\r").contains(row.group(3));
            assertThat(e.path("service").asText()).isEqualTo(system);
        }
    }
}
