package dev.logline.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    @TempDir
    Path dir;

    static AuditEntry entry(int n) {
        return new AuditEntry(Instant.parse("2026-11-22T10:00:00Z"), "0123456789ab", "read", "alpha", "GET",
                "/api/v1/search", "q=n" + n, 200, "127.0.0.1");
    }

    @Test
    void linesAreJsonAndTheFileRollsIntoOneOlderFile() throws IOException {
        AuditLog log = AuditLog.at(dir.resolve("audit.log"), 300);
        for (int i = 0; i < 20; i++) {
            log.append(entry(i));
        }
        List<String> current = Files.readAllLines(log.path());
        List<String> previous = Files.readAllLines(log.previous());
        assertThat(current.get(current.size() - 1)).isEqualTo("{\"ts\":\"2026-11-22T10:00:00Z\",\"who\":\"0123456789ab\","
                + "\"role\":\"read\",\"tenant\":\"alpha\",\"method\":\"GET\",\"path\":\"/api/v1/search\",\"query\":\"q=n19\","
                + "\"status\":200,\"remote\":\"127.0.0.1\"}");
        // Bounded: the cap plus one line per file, two files at most.
        assertThat(Files.size(log.path())).isLessThan(300 + 200);
        assertThat(Files.size(log.previous())).isLessThan(300 + 200);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2);
        }
        assertThat(previous).isNotEmpty();
    }
}
