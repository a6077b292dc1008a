package dev.logline.bench.data;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays the real corpora ({@link CorpusReader}) to any volume: the records of all systems interleaved, repeated
 * as often as needed, with timestamps shifted to spread evenly over a window ending at a fixed instant and with
 * trace, span and request ids varied per repetition (the first keeps the originals), so every repetition is a new
 * set of transactions. Deterministic by seed.
 */
public final class CorpusReplayer extends CountedEventSource {

    private static final int TRACE_SAMPLES = 64;

    private final List<LogEvent> base;
    private final long seed;
    private final EventWindow window;
    private final QueryTargets targets;

    /**
     * @param corpora the corpora folder ({@link CorpusReader#locate()})
     * @throws IllegalArgumentException when the folder holds no corpus
     */
    public CorpusReplayer(Path corpora, long seed, long total, Instant end, Duration span) {
        this(interleave(CorpusReader.nezha(corpora), CorpusReader.loghub(corpora)), seed, total, end, span);
    }

    CorpusReplayer(List<LogEvent> base, long seed, long total, Instant end, Duration span) {
        super(total, "replayed");
        if (base.isEmpty()) {
            throw new IllegalArgumentException("no corpus records found");
        }
        this.base = List.copyOf(base);
        this.seed = seed;
        this.window = EventWindow.of(end, span, total);
        this.targets = chooseTargets();
    }

    /** The Nezha rows and each LogHub system in turn, one record of each, so every stretch of the replay mixes them. */
    static List<LogEvent> interleave(List<LogEvent> nezha, List<List<LogEvent>> loghub) {
        List<List<LogEvent>> sources = new ArrayList<>();
        if (!nezha.isEmpty()) {
            sources.add(nezha);
        }
        sources.addAll(loghub);
        List<LogEvent> mixed = new ArrayList<>();
        int longest = sources.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<LogEvent> s : sources) {
                if (i < s.size()) {
                    mixed.add(s.get(i));
                }
            }
        }
        return mixed;
    }

    /** How many distinct records one repetition holds. */
    public int baseSize() {
        return base.size();
    }

    @Override
    protected LogEvent eventAt(long i) {
        long round = i / base.size();
        LogEvent original = base.get((int) (i % base.size()));
        LogEvent.Builder b = original.toBuilder()
                .tsMicros(window.micros(i));
        if (round > 0) {
            if (original.traceId() != null) {
                b.traceId(variedTraceId(original.traceId(), round));
            }
            if (original.spanId() != null) {
                b.spanId(StableHash.hex(seed ^ StableHash.mix(round) ^ StableHash.of(original.spanId()), 16));
            }
            Object request = original.attributes().get("request_id");
            if (request instanceof String r) {
                b.attribute("request_id", variedRequestId(r, round));
            }
        }
        return b.build();
    }

    private String variedTraceId(String original, long round) {
        return StableHash.hex(seed ^ StableHash.mix(round * 0x9e3779b97f4a7c15L) ^ StableHash.of(original), 32);
    }

    private String variedRequestId(String original, long round) {
        String h = StableHash.hex(seed ^ StableHash.mix(round + 7) ^ StableHash.of(original), 32);
        return "req-" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20, 32);
    }

    @Override
    public QueryTargets targets() {
        return targets;
    }

    /**
     * Query values that exist in every repetition: traces of the base spread over the replay (varied as the
     * replay varies them), the first long word that occurs once per repetition, a word pair from the middle record,
     * and the service with the most errors.
     */
    private QueryTargets chooseTargets() {
        Map<String, Integer> traceServices = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> servicesOfTrace = new HashMap<>();
        Map<String, Integer> tokenCounts = new HashMap<>();
        Map<String, Integer> errorsByService = new LinkedHashMap<>();
        for (LogEvent e : base) {
            if (e.traceId() != null) {
                servicesOfTrace.computeIfAbsent(e.traceId(), k -> new java.util.HashSet<>()).add(e.service());
            }
            for (String t : tokens(e.msg())) {
                tokenCounts.merge(t, 1, Integer::sum);
            }
            if (e.level().compareTo(Level.ERROR) >= 0) {
                errorsByService.merge(e.service(), 1, Integer::sum);
            }
        }
        servicesOfTrace.forEach((id, s) -> traceServices.put(id, s.size()));
        List<String> multiService = traceServices.entrySet().stream().filter(en -> en.getValue() >= 2)
                .map(Map.Entry::getKey).sorted().toList();
        List<String> traceIds = new ArrayList<>();
        long rounds = Math.max(1, (total + base.size() - 1) / base.size());
        for (int k = 0; k < TRACE_SAMPLES && !multiService.isEmpty(); k++) {
            String id = multiService.get(k % multiService.size());
            long round = rounds * k / TRACE_SAMPLES;
            // A trace of the last, partial repetition may not have been replayed; stay within complete ones.
            if (round > 0 && (round + 1) * base.size() > total) {
                round = Math.max(0, total / base.size() - 1);
            }
            traceIds.add(round == 0 ? id : variedTraceId(id, round));
        }
        String needle = null;
        for (LogEvent e : base) {
            for (String t : tokens(e.msg())) {
                if (tokenCounts.get(t) == 1 && t.length() >= 8 && t.chars().allMatch(Character::isLetter)) {
                    needle = t;
                    break;
                }
            }
            if (needle != null) {
                break;
            }
        }
        String phrase = wordPair(base.get(base.size() / 2).msg());
        String errorService = errorsByService.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(base.get(0).service());
        return new QueryTargets(traceIds, needle == null ? tokens(base.get(0).msg()).get(0) : needle, phrase,
                errorService, errorsByService.isEmpty() ? "INFO" : "ERROR", "latency_ms");
    }

    /** The first two consecutive words (letters only, 3+ long) of a message, else its first token. */
    private static String wordPair(String msg) {
        List<String> t = tokens(msg);
        for (int i = 0; i + 1 < t.size(); i++) {
            if (isWord(t.get(i)) && isWord(t.get(i + 1))) {
                return t.get(i) + " " + t.get(i + 1);
            }
        }
        return t.isEmpty() ? "" : t.get(0);
    }

    private static boolean isWord(String token) {
        return token.length() >= 3 && token.chars().allMatch(Character::isLetter);
    }

    /** The message's tokens as the store indexes them: runs of letters or digits, lower-cased. */
    static List<String> tokens(String msg) {
        List<String> out = new ArrayList<>();
        if (msg == null) {
            return out;
        }
        int start = -1;
        for (int i = 0; i <= msg.length(); i++) {
            boolean word = i < msg.length() && Character.isLetterOrDigit(msg.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(msg.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }
}
