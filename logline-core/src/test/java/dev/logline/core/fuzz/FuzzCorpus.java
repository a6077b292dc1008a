package dev.logline.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real log lines from the shared third-party corpora (LogHub), seeds for the fuzzers beside each parser's own
 * fixtures. The corpora live beside the project and may be absent: then every list is empty and the fuzzers run on
 * their fixtures alone (they say so once on standard error).
 */
public final class FuzzCorpus {

    private static final List<String> LOGHUB = load();

    private FuzzCorpus() {
    }

    /** Where the corpora are: {@code -Dlogline.corpora}, {@code /work/shared/corpora} or {@code ../shared/corpora}. */
    public static Optional<Path> locate() {
        String configured = System.getProperty("logline.corpora");
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("/work/shared/corpora"), Path.of("../shared/corpora"), Path.of("../../shared/corpora"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("loghub"))).findFirst();
    }

    /** A few lines of every LogHub system (Linux and Mac syslog, Apache, HDFS, OpenStack, …), or none. */
    public static List<String> loghubLines() {
        return LOGHUB;
    }

    private static List<String> load() {
        Optional<Path> corpora = locate();
        if (corpora.isEmpty()) {
            System.err.println("fuzzing: the shared corpora are absent; the fuzzers seed from their fixtures alone");
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> logs = Files.walk(corpora.get().resolve("loghub"), 2)) {
            for (Path log : logs.filter(p -> p.toString().endsWith("_2k.log")).sorted().toList()) {
                // Decoded leniently: a few corpus files hold bytes that are not UTF-8.
                new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().limit(8).forEach(lines::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(lines);
    }
}
