package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real BSD syslog files from loghub (written by syslogd without PRI), checked against loghub's own
 * structured parse: host, tag, PID, message and time of every line. Skipped when the corpora are absent.
 */
class SyslogCorpusTest {

    /** The corpora sit beside the project root ({@code ../shared/corpora}); tests run from the module folder. */
    private static final Path CORPORA = locateCorpora();
    private final SyslogParser parser = new SyslogParser(
            Clock.fixed(Instant.parse("2026-12-31T00:00:00Z"), ZoneOffset.UTC), ZoneId.of("UTC"));

    @ParameterizedTest
    @CsvSource({
            // system, host, CSV columns: month, day, time, component, pid, content
            "Linux,   combo, 1, 2, 3, 5, 6, 7",
            "OpenSSH, LabSZ, 1, 2, 3, -1, 5, 6"})
    void everyLineMatchesLoghubsStructuredParse(String system, String host, int month, int day, int time,
                                                int component, int pid, int content) throws IOException {
        Path dir = CORPORA.resolve(system);
        Assumptions.assumeTrue(Files.isDirectory(dir), "corpus " + dir + " absent");
        List<String> lines = Files.readAllLines(dir.resolve(system + "_2k.log"), StandardCharsets.UTF_8);
        List<String> csv = Files.readAllLines(dir.resolve(system + "_2k.log_structured.csv"), StandardCharsets.UTF_8);
        int tagged = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = stripCr(lines.get(i));
            List<String> truth = csvFields(stripCr(csv.get(i + 1)));
            LogEvent e = parser.parse(line);

            assertThat(e.host()).as("line %d host", i + 1).isEqualTo(host);
            ZonedDateTime ts = e.timestamp().atZone(ZoneOffset.UTC);
            assertThat(ts.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT))
                    .as("line %d month", i + 1).isEqualTo(truth.get(month));
            assertThat(ts.getDayOfMonth()).as("line %d day", i + 1).isEqualTo(Integer.parseInt(truth.get(day)));
            assertThat(ts.toLocalTime().toString()).as("line %d time", i + 1).startsWith(truth.get(time).substring(0, 5));
            // loghub reads login's "-- root[2421]:" as the tag "-- root"; a TAG has no spaces, so that line stays text.
            boolean validTag = component < 0 || !truth.get(component).contains(" ");
            if (!truth.get(pid).isEmpty() && validTag) {
                tagged++;
                assertThat(e.attributes().get("procid")).as("line %d pid", i + 1).isEqualTo(truth.get(pid));
                if (component >= 0) {
                    assertThat(e.service()).as("line %d tag", i + 1).isEqualTo(truth.get(component));
                } else {
                    assertThat(e.service()).as("line %d tag", i + 1).isEqualTo("sshd");
                }
                assertThat(e.msg().trim()).as("line %d message", i + 1).isEqualTo(truth.get(content).trim());
            }
        }
        assertThat(tagged).as("lines with tag[pid]").isGreaterThan(lines.size() / 2);
    }

    private static Path locateCorpora() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpora/loghub").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("../../shared/corpora/loghub");
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Splits one CSV record (RFC 4180 quoting). */
    private static List<String> csvFields(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
