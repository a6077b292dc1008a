package dev.logline.store;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One minute of real logs from the TrainTicket microservices (the Nezha sample in {@code ../shared/corpora}):
 * Logback lines from 26 services with the trace and span id of each row, turned into events shifted to end now.
 */
public final class TrainTicketCorpus {

    private TrainTicketCorpus() {
    }

    /** The corpus folder ({@code -Dlogline.corpora} or {@code ../shared/corpora} from the project), or {@code null}. */
    public static Path folder() {
        String configured = System.getProperty("logline.corpora");
        for (Path p : configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("../shared/corpora"), Path.of("../../shared/corpora"))) {
            Path sample = p.resolve("nezha-trainticket-sample");
            if (Files.isRegularFile(sample.resolve("08_43_log.csv"))) {
                return sample;
            }
        }
        return null;
    }

    /** The log rows as events whose newest one is at {@code endMicros}. */
    public static List<LogEvent> events(Path folder, long endMicros) throws IOException {
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(folder.resolve("08_43_log.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = csv.getRecords();
        }
        long newest = Long.MIN_VALUE;
        for (CSVRecord row : rows) {
            newest = Math.max(newest, Long.parseLong(row.get("TimeUnixNano")) / 1000);
        }
        List<LogEvent> events = new ArrayList<>();
        for (CSVRecord row : rows) {
            long ts = Long.parseLong(row.get("TimeUnixNano")) / 1000 - newest + endMicros;
            // The last column is the container runtime's JSON line; its "log" key is the message.
            LogEvent inner = LogEventJson.parse(row.get("Log"), ts);
            String pod = row.get("PodName");
            String service = pod.replaceAll("-[0-9a-f]{8,10}-[0-9a-z]{5}$", "");
            events.add(LogEvent.builder().tsMicros(ts).msg(inner.msg() == null ? null : inner.msg().strip())
                    .service(service).host(row.get("Node")).traceId(row.get("TraceID")).spanId(row.get("SpanID"))
                    .attribute("pod", pod).build());
        }
        return events;
    }
}
