package dev.logline.store;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;

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
        List<List<String>> rows = csv(Files.readString(folder.resolve("08_43_log.csv"), StandardCharsets.UTF_8));
        long newest = Long.MIN_VALUE;
        for (List<String> row : rows.subList(1, rows.size())) {
            newest = Math.max(newest, Long.parseLong(row.get(1)) / 1000);
        }
        List<LogEvent> events = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            long ts = Long.parseLong(row.get(1)) / 1000 - newest + endMicros;
            // The last column is the container runtime's JSON line; its "log" key is the message.
            LogEvent inner = LogEventJson.parse(row.get(7), ts);
            String pod = row.get(3);
            String service = pod.replaceAll("-[0-9a-f]{8,10}-[0-9a-z]{5}$", "");
            events.add(LogEvent.builder().tsMicros(ts).msg(inner.msg() == null ? null : inner.msg().strip())
                    .service(service).host(row.get(2)).traceId(row.get(5)).spanId(row.get(6))
                    .attribute("pod", pod).build());
        }
        return events;
    }

    /** RFC 4180 rows: quoted fields may hold commas and doubled quotes. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
