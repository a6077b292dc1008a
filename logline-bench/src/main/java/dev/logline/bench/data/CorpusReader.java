package dev.logline.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the third-party corpora ({@code /work/shared/corpora}, or {@code ../shared/corpora} from the project root)
 * into events: the Nezha TrainTicket sample as Logback lines with trace and span ids per service, and every LogHub
 * system's raw lines as plain-text logs of that system. Each list keeps its file's order (Nezha sorted by time).
 */
public final class CorpusReader {

    /** Where the corpora are looked for when no folder is given: system property {@code logline.corpora}. */
    public static final String CORPORA_PROPERTY = "logline.corpora";

    private static final Pattern NEZHA_LINE = Pattern.compile(
            "^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s+(\\S+?)(?:#(\\d+))?\\s+(?:TraceID: \\S*\\s+SpanID: \\S*\\s+)?(.*)$",
            Pattern.DOTALL);
    private static final Pattern OPENSTACK_REQUEST = Pattern.compile("req-[0-9a-f]{8}-[0-9a-f-]{27}");
    private static final Pattern OPENSTACK_TIME = Pattern.compile("time: ([0-9]+\\.[0-9]+)");
    private static final Pattern OPENSTACK_STATUS = Pattern.compile("status: ([0-9]{3})");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEVEL_DECORATION = Pattern.compile("^[\\[(]+|[\\])]+:?$|,$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusReader() {
    }

    /** The corpora folder: the system property, else the first of the usual places that exists. */
    public static Optional<Path> locate() {
        String configured = System.getProperty(CORPORA_PROPERTY);
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured))
                : List.of(Path.of("/work/shared/corpora"), Path.of("../shared/corpora"), Path.of("../../shared/corpora"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("loghub"))
                || Files.isDirectory(p.resolve("nezha-trainticket-sample"))).findFirst();
    }

    /** The Nezha sample's log rows as events, oldest first; empty when the sample is absent. */
    public static List<LogEvent> nezha(Path corpora) {
        Path csv = corpora.resolve("nezha-trainticket-sample").resolve("08_43_log.csv");
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        List<List<String>> rows = CsvRows.parse(read(csv));
        List<LogEvent> events = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() < 8) {
                continue;
            }
            events.add(nezhaEvent(row));
        }
        events.sort(Comparator.comparingLong(LogEvent::tsMicros));
        return events;
    }

    private static LogEvent nezhaEvent(List<String> row) {
        // Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,SpanID,Log
        String text;
        String stream = null;
        try {
            JsonNode log = JSON.readTree(row.get(7));
            text = log.path("log").asText("").strip();
            stream = log.path("stream").asText(null);
        } catch (IOException notJson) {
            text = row.get(7).strip();
        }
        LogEvent.Builder b = LogEvent.builder()
                .tsMicros(Long.parseLong(row.get(1)) / 1_000L)
                .host(row.get(2))
                .service(serviceOfPod(row.get(3)))
                .env("prod")
                .traceId(emptyToNull(row.get(5)))
                .spanId(emptyToNull(row.get(6)))
                .attribute("pod", row.get(3))
                .attribute("container", row.get(4));
        if (stream != null) {
            b.attribute("stream", stream);
        }
        Matcher m = NEZHA_LINE.matcher(text);
        if (m.matches()) {
            b.level(Level.valueOf(m.group(1))).logger(m.group(2)).msg(m.group(4));
            if (m.group(3) != null) {
                b.attribute("line", Long.parseLong(m.group(3)));
            }
        } else {
            b.level(Level.INFO).msg(text);
        }
        return b.build();
    }

    /** {@code ts-travel-service-64469b5b48-25zj6} → {@code ts-travel-service}: drops the replica-set and pod hashes. */
    static String serviceOfPod(String pod) {
        String[] parts = pod.split("-");
        if (parts.length <= 2) {
            return pod;
        }
        return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
    }

    /**
     * Every LogHub system's raw lines ({@code loghub/<System>/<System>_2k.log}) as events of service
     * {@code <system>}, one list per system in name order; timestamps are left at 0 for the replayer to assign.
     */
    public static List<List<LogEvent>> loghub(Path corpora) {
        Path root = corpora.resolve("loghub");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<List<LogEvent>> systems = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path log = dir.resolve(dir.getFileName() + "_2k.log");
                if (Files.isRegularFile(log)) {
                    systems.add(loghubSystem(dir.getFileName().toString(), read(log)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return systems;
    }

    private static List<LogEvent> loghubSystem(String system, String text) {
        String service = system.toLowerCase(Locale.ROOT);
        List<LogEvent> events = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            LogEvent.Builder b = LogEvent.builder()
                    .level(levelOf(line))
                    .msg(line)
                    .service(service)
                    .env("prod")
                    .host(service + "-node-" + (Math.floorMod(StableHash.of(line), 8)))
                    .attribute("source", "loghub/" + system)
                    .attribute("line_no", (long) ++n);
            if (service.equals("openstack")) {
                openstackFields(b, line);
            }
            events.add(b.build());
        }
        return events;
    }

    private static void openstackFields(LogEvent.Builder b, String line) {
        int dot = line.indexOf(".log");
        if (dot > 0) {
            b.service(line.substring(0, dot));
        }
        Matcher req = OPENSTACK_REQUEST.matcher(line);
        if (req.find()) {
            b.attribute("request_id", req.group());
        }
        Matcher time = OPENSTACK_TIME.matcher(line);
        if (time.find()) {
            b.attribute("latency_ms", Math.round(Double.parseDouble(time.group(1)) * 1_000_000) / 1000.0);
        }
        Matcher status = OPENSTACK_STATUS.matcher(line);
        if (status.find()) {
            b.attribute("http", java.util.Map.of("status", Long.parseLong(status.group(1))));
        }
    }

    /** The level word among a raw line's first tokens (Android's single letter in its fifth column); else INFO. */
    static Level levelOf(String line) {
        String[] tokens = WHITESPACE.split(line, 10);
        for (int i = 0; i < Math.min(tokens.length, 9); i++) {
            if (tokens[i].length() > 12) {
                continue;
            }
            String t = LEVEL_DECORATION.matcher(tokens[i]).replaceAll("").toUpperCase(Locale.ROOT);
            switch (t) {
                case "TRACE": return Level.TRACE;
                case "DEBUG": return Level.DEBUG;
                case "INFO", "NOTICE": return Level.INFO;
                case "WARN", "WARNING": return Level.WARN;
                case "ERROR", "ERR", "SEVERE", "FAILURE": return Level.ERROR;
                case "FATAL", "CRITICAL", "CRIT", "EMERG", "ALERT": return Level.FATAL;
                default:
                    if (i == 4 && t.length() == 1) {
                        switch (t) {
                            case "V", "D": return Level.DEBUG;
                            case "W": return Level.WARN;
                            case "E": return Level.ERROR;
                            case "F": return Level.FATAL;
                            default: break;
                        }
                    }
            }
        }
        return Level.INFO;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                // A few LogHub files are not valid UTF-8; read them byte for byte rather than fail.
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException again) {
                throw new UncheckedIOException("cannot read " + file, again);
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
