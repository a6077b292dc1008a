package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.core.fuzz.Mutation;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole store opened over a damaged part (one of its part files mutated): it opens, and a search of everything
 * returns only events that were written, each once; when some are missing, the damaged part was set aside and
 * counted in {@code health().corruptParts()} — damage is never silent. Within the fuzz limits, open and search.
 */
class DamagedStoreFuzzTest {

    private static final long DAY = 86_400_000_000L;

    private static Path dir;
    private static long now;
    private static Map<String, byte[]> partFiles;
    private static List<String> written;
    private static int tryNumber;

    @BeforeContainer
    static void writeStore() throws IOException {
        dir = Files.createTempDirectory("logline-store-fuzz");
        Path original = dir.resolve("original");
        now = LogEvent.toMicros(Instant.now());
        written = new ArrayList<>();
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(original))) {
            for (int day = 0; day < 2; day++) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    String msg = "day " + day + " event " + i;
                    events.add(LogEvent.builder().tsMicros(now - day * DAY - i * 1000L).msg(msg).service("svc" + i % 3)
                            .attribute("n", (long) i).build());
                    written.add(msg);
                }
                store.write("t", events).join();
            }
            store.refreshNow();
        }
        partFiles = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(original)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".part")).sorted().toList()) {
                partFiles.put(original.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        assertThat(partFiles).isNotEmpty();
    }

    @AfterContainer
    static void clean() throws IOException {
        delete(dir);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return FuzzInputs.mutation().list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void aDamagedPartIsSetAsideAndCountedNeverServedChanged(@ForAll("parts") String damaged,
                                                            @ForAll("mutations") List<Mutation> mutations)
            throws IOException {
        Path store = dir.resolve("try-" + tryNumber++);
        for (Map.Entry<String, byte[]> f : partFiles.entrySet()) {
            byte[] bytes = f.getValue();
            if (f.getKey().equals(damaged)) {
                for (Mutation m : mutations) {
                    bytes = m.apply(bytes, List.of());
                }
            }
            Path p = store.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        }
        try {
            FuzzGuard.run(partFiles.get(damaged).length, () -> {
                try (ColumnarLogStore s = ColumnarLogStore.open(ColumnarStoreConfig.defaults(store))) {
                    List<String> found = searchAll(s);
                    assertThat(written).as("every event found was written").containsAll(found);
                    assertThat(found).as("each once").doesNotHaveDuplicates();
                    if (found.size() < written.size()) {
                        assertThat(s.health().corruptParts()).as("events missing, so a part was set aside").isPositive();
                    }
                }
            });
        } finally {
            delete(store);
        }
    }

    @Provide
    Arbitrary<String> parts() {
        return Arbitraries.of(new ArrayList<>(partFiles.keySet()));
    }

    private static List<String> searchAll(ColumnarLogStore store) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = store.search(new SearchRequest("t", LqlParser.parse("*"), now - 3 * DAY, now + DAY, 1000, cursor,
                    Duration.ofSeconds(5)));
            page.events().stream().map(StoredEvent::event).map(LogEvent::msg).forEach(all::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
