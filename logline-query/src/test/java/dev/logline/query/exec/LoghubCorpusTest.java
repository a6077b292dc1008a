package dev.logline.query.exec;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.query.match.MessageTokens;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs queries over real OpenStack logs (loghub's structured CSV) and checks them against counts computed
 * straight from the CSV. Skips when the shared corpora folder is absent.
 */
class LoghubCorpusTest {

    /** The corpora live beside the project: ../shared/corpora from its root, and tests run in the module folder. */
    private static final Path CSV = Paths.get("..", "..", "shared", "corpora", "loghub", "OpenStack",
            "OpenStack_2k.log_structured.csv");

    private static List<Map<String, String>> records;
    private static List<LogEvent> events;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isRegularFile(CSV), "corpus absent: " + CSV.toAbsolutePath());
        try (CSVParser csv = CSVParser.parse(CSV, StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            records = csv.stream().map(CSVRecord::toMap).toList();
        }
        events = new ArrayList<>();
        for (Map<String, String> r : records) {
            events.add(LogEvent.builder()
                    .tsMicros(Timestamps.parseMicros(r.get("Date") + "T" + r.get("Time") + "Z"))
                    .level(Level.parse(r.get("Level")))
                    .logger(r.get("Component"))
                    .msg(r.get("Content"))
                    .attribute("event_id", r.get("EventId"))
                    .attribute("pid", Long.parseLong(r.get("Pid")))
                    .build());
        }
        assertThat(events).hasSize(2000);
    }

    private static Table run(String lql) {
        Query q = LqlParser.parse(lql);
        PipelineRunner runner = new PipelineRunner(q.pipes(), 10_000);
        for (LogEvent e : events) {
            int size = LogEventJson.toJsonBytes(e).length;
            if (FilterMatcher.matches(q.filter(), e, size)) {
                runner.accept(e, size);
            }
        }
        return runner.table();
    }

    @Test
    void countByLoggerMatchesTheCsv() {
        Map<String, Long> expected = new TreeMap<>();
        for (Map<String, String> r : records) {
            expected.merge(r.get("Component"), 1L, Long::sum);
        }
        Table t = run("* | stats count() by logger");
        Map<String, Long> actual = new TreeMap<>();
        for (List<Object> row : t.rows()) {
            actual.put((String) row.get(0), (Long) row.get(1));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void levelFilterAndTimechartMatchTheCsv() {
        long warnings = records.stream().filter(r -> r.get("Level").equals("WARNING") || r.get("Level").equals("WARN")).count();
        assertThat(run("level:warn | stats count()").rows().get(0).get(0)).isEqualTo(warnings);

        Map<String, Long> perHour = new TreeMap<>();
        for (Map<String, String> r : records) {
            perHour.merge(r.get("Date") + "T" + r.get("Time").substring(0, 2) + ":00:00.000000Z", 1L, Long::sum);
        }
        Table t = run("* | timechart 1h count()");
        Map<String, Long> actual = new TreeMap<>();
        t.rows().forEach(row -> actual.put((String) row.get(0), (Long) row.get(1)));
        assertThat(actual).isEqualTo(perHour);
    }

    @Test
    void everyMessageIsFoundByItsOwnPhrase() {
        for (LogEvent e : events) {
            if (!MessageTokens.of(e.msg()).isEmpty()) {
                assertThat(FilterMatcher.matches(new PhraseFilter(e.msg()), e, 0)).as(e.msg()).isTrue();
            }
        }
    }

    @Test
    void statusCodesFromTheTextAgreeWithAPhraseSearch() {
        long expected = records.stream().filter(r -> r.get("Content").contains("status: 200 ")).count();
        Table t = run("\"status: 200\" | stats count()");
        assertThat(t.rows().get(0).get(0)).isEqualTo(expected);
        assertThat(expected).isGreaterThan(100);
    }

    @Test
    void topTemplatesAreSortedAndLimited() {
        Map<String, Long> counts = new TreeMap<>();
        records.forEach(r -> counts.merge(r.get("EventId"), 1L, Long::sum));
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        Table t = run("* | stats count() by event_id | sort by count desc | limit 3");
        assertThat(t.rows()).hasSize(3);
        assertThat(t.rows().get(0).get(1)).isEqualTo(max);
        assertThat((Long) t.rows().get(0).get(1)).isGreaterThanOrEqualTo((Long) t.rows().get(2).get(1));
    }
}
