package dev.logline.bench.data;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CorpusReplayerTest {

    private static final Instant END = Instant.parse("2026-11-22T12:00:00Z");

    private static List<LogEvent> nezha;
    private static List<List<LogEvent>> loghub;
    private static List<LogEvent> base;

    private static Path corpora() {
        var found = CorpusReader.locate();
        assumeTrue(found.isPresent(), "the shared corpora are absent; skipping");
        return found.get();
    }

    /** The corpora read once for all tests (reading them is the slow part). */
    private static synchronized List<LogEvent> base() {
        if (base == null) {
            base = CorpusReplayer.interleave(nezha(), loghub());
        }
        return base;
    }

    private static synchronized List<LogEvent> nezha() {
        if (nezha == null) {
            nezha = CorpusReader.nezha(corpora());
        }
        return nezha;
    }

    private static synchronized List<List<LogEvent>> loghub() {
        if (loghub == null) {
            loghub = CorpusReader.loghub(corpora());
        }
        return loghub;
    }

    @Test
    void readsNezhaRowsWithTraceIdsServicesAndLevels() {
        List<LogEvent> nezha = nezha();
        assumeTrue(!nezha.isEmpty(), "the Nezha sample is absent; skipping");

        assertThat(nezha).hasSizeGreaterThan(2_000);
        assertThat(nezha).allSatisfy(e -> assertThat(e.service()).doesNotContain("64469b5b48"));
        assertThat(nezha).anySatisfy(e -> {
            assertThat(e.service()).isEqualTo("ts-travel-service");
            assertThat(e.traceId()).hasSize(32);
            assertThat(e.logger()).isEqualTo("t.s.TravelServiceImpl");
            assertThat(e.attributes().get("line")).isInstanceOf(Long.class);
        });
        assertThat(nezha.stream().map(LogEvent::traceId).filter(id -> id != null).distinct().count()).isGreaterThan(40);
    }

    @Test
    void replaysToAnyVolumeWithShiftedTimesAndNewIdsPerRepetition() {
        int size = base().size();
        long total = size * 2L + size / 2;
        CorpusReplayer replayer = new CorpusReplayer(base(), 9, total, END, Duration.ofHours(24));
        List<LogEvent> events = new ArrayList<>();
        replayer.forEachRemaining(events::add);

        assertThat(events).hasSize((int) total);
        long start = LogEvent.toMicros(END.minus(Duration.ofHours(24)));
        long end = LogEvent.toMicros(END);
        assertThat(events.stream().filter(e -> e.tsMicros() < start || e.tsMicros() >= end).count()).isZero();
        // The same record in repetitions 0 and 1: same message, different ids.
        LogEvent firstTraced = events.stream().filter(e -> e.traceId() != null).findFirst().orElseThrow();
        LogEvent repeated = events.get(events.indexOf(firstTraced) + size);
        assertThat(repeated.msg()).isEqualTo(firstTraced.msg());
        assertThat(repeated.traceId()).isNotEqualTo(firstTraced.traceId()).hasSize(32);

        Set<String> traceIds = new HashSet<>();
        events.forEach(e -> traceIds.add(e.traceId()));
        assertThat(replayer.targets().traceIds()).isNotEmpty();
        assertThat(traceIds).containsAll(replayer.targets().traceIds());
        String phrase = " " + replayer.targets().phrase() + " ";
        assertThat(phrase.trim()).matches("[\\p{L}]{3,} [\\p{L}]{3,}");
        assertThat(events.stream().filter(e -> (" " + String.join(" ", CorpusReplayer.tokens(e.msg())) + " ")
                .contains(phrase)).count()).isGreaterThanOrEqualTo(2);
        String needle = replayer.targets().needleWord();
        assertThat(events.stream().filter(e -> CorpusReplayer.tokens(e.msg()).contains(needle)).count())
                .isBetween(2L, 3L);
    }

    @Test
    void readsEveryLogHubSystemWithItsLevels() {
        List<List<LogEvent>> systems = loghub();

        assertThat(systems).hasSize(16);
        assertThat(systems).allSatisfy(s -> assertThat(s).hasSizeBetween(1_990, 2_000));
        assertThat(systems.stream().flatMap(List::stream).map(LogEvent::level).distinct())
                .contains(Level.INFO, Level.WARN, Level.ERROR);
        assertThat(systems.stream().flatMap(List::stream).filter(e -> e.attributes().containsKey("request_id")))
                .isNotEmpty();
    }

    @Test
    void sameSeedReplaysTheSameEvents() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        new CorpusReplayer(base(), 4, 5_000, END, Duration.ofHours(1)).forEachRemaining(e -> a.add(e.toString()));
        new CorpusReplayer(base(), 4, 5_000, END, Duration.ofHours(1)).forEachRemaining(e -> b.add(e.toString()));

        assertThat(a).isEqualTo(b);
    }

    @Test
    void findsLevelsInTheRawFormatsOfTheLogHubSystems() {
        assertThat(CorpusReader.levelOf("081109 203615 148 INFO dfs.DataNode$PacketResponder: done")).isEqualTo(Level.INFO);
        assertThat(CorpusReader.levelOf("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv")).isEqualTo(Level.ERROR);
        assertThat(CorpusReader.levelOf("03-17 16:13:38.811  1702  2395 W WindowManager: x")).isEqualTo(Level.WARN);
        assertThat(CorpusReader.levelOf("2015-07-29 17:41:44,747 - WARN  [QuorumPeer] - timeout")).isEqualTo(Level.WARN);
        assertThat(CorpusReader.levelOf("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass")).isEqualTo(Level.INFO);
    }

    @Test
    void podNamesLoseTheirHashes() {
        assertThat(CorpusReader.serviceOfPod("ts-travel-service-64469b5b48-25zj6")).isEqualTo("ts-travel-service");
        assertThat(CorpusReader.serviceOfPod("redis")).isEqualTo("redis");
    }

    @Test
    void csvKeepsQuotedCommasQuotesAndLineBreaks() {
        List<List<String>> rows = CsvRows.parse("a,b\r\n\"x,1\",\"say \"\"hi\"\"\nthere\"\n3,4");

        assertThat(rows).containsExactly(List.of("a", "b"), List.of("x,1", "say \"hi\"\nthere"), List.of("3", "4"));
    }
}
