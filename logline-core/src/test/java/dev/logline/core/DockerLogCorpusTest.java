package dev.logline.core;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Docker json-file lines ({"log":…,"stream":…,"time":…}) from the Nezha TrainTicket sample: the aliases
 * {@code log} and {@code time} must land on msg and ts, and every event must survive our own codec.
 */
class DockerLogCorpusTest {

    private static final Path CORPUS = Path.of("../../shared/corpora/nezha-trainticket-sample/08_43_log.csv");

    @Test
    void ingestsEveryLineOfTheTrainTicketSample() throws IOException {
        Path file = CORPUS.toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "corpus not present: " + file);
        int checked = 0;
        try (CSVParser csv = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getHeaderNames())
                    .containsExactly("Timestamp", "TimeUnixNano", "Node", "PodName", "Container", "TraceID", "SpanID", "Log");
            for (CSVRecord row : csv) {
                LogEvent e = LogEventJson.parse(row.get("Log"), 0);
                assertThat(e.tsMicros()).as(row.get("Timestamp")).isEqualTo(Long.parseLong(row.get("TimeUnixNano")) / 1_000L);
                assertThat(e.msg()).isEqualTo(rawField(row.get("Log"), "log"));
                assertThat(e.attributes()).containsEntry("stream", "stdout");
                assertThat(LogEventJson.parse(LogEventJson.toJsonBytes(e), 0, -1, 0)).isEqualTo(e);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2_000);
    }

    private static Object rawField(String json, String name) throws IOException {
        try (var p = LogEventJson.FACTORY.createParser(json)) {
            p.nextToken();
            return JsonValues.readObject(p).get(name);
        }
    }
}
