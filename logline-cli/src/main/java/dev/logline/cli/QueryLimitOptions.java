package dev.logline.cli;

import dev.logline.query.exec.QueryLimits;
import dev.logline.server.ServerConfig;
import dev.logline.server.api.TimeRange;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * The query guardrails of {@code logline server}: how long one query may run, how much memory it may hold, how many
 * groups and filter terms it may have, and how many queries run at once per API key and in all. Each has a flag, an
 * environment variable and a settings-file key ({@code query.*}); docs/CONFIG.md lists them with their defaults.
 */
public final class QueryLimitOptions {

    @Option(names = "--query-timeout", paramLabel = "DURATION", defaultValue = "${env:LOGLINE_QUERY_TIMEOUT:-30s}",
            description = "Longest one query may run, e.g. 30s, 2m; past it the answer is 503 with the reason "
                    + "(env LOGLINE_QUERY_TIMEOUT; default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--query-max-memory", paramLabel = "BYTES",
            defaultValue = "${env:LOGLINE_QUERY_MAX_MEMORY:-128m}",
            description = "Memory one query's groups, distinct values and sorted rows may hold, e.g. 128m, 1g; "
                    + "past it the answer is 400 (env LOGLINE_QUERY_MAX_MEMORY; default: ${DEFAULT-VALUE}).")
    String maxMemory;

    @Option(names = "--query-max-groups", paramLabel = "N", defaultValue = "${env:LOGLINE_QUERY_MAX_GROUPS:-10000}",
            description = "Groups one stats or timechart may make (env LOGLINE_QUERY_MAX_GROUPS; "
                    + "default: ${DEFAULT-VALUE}).")
    int maxGroups;

    @Option(names = "--query-max-terms", paramLabel = "N", defaultValue = "${env:LOGLINE_QUERY_MAX_TERMS:-256}",
            description = "Filter terms one query may have, at most the parser's own cap of 300 "
                    + "(env LOGLINE_QUERY_MAX_TERMS; default: ${DEFAULT-VALUE}).")
    int maxTerms;

    @Option(names = "--query-max-per-key", paramLabel = "N", defaultValue = "${env:LOGLINE_QUERY_MAX_PER_KEY:-4}",
            description = "Queries one API key (or, without auth, one client address) may run at once; more are "
                    + "answered 429 (env LOGLINE_QUERY_MAX_PER_KEY; default: ${DEFAULT-VALUE}).")
    int maxPerKey;

    @Option(names = "--query-max-concurrent", paramLabel = "N", defaultValue = "${env:LOGLINE_QUERY_MAX_CONCURRENT:-0}",
            description = "Queries the server runs at once; more are answered 503 (env LOGLINE_QUERY_MAX_CONCURRENT; "
                    + "default: 0 = twice the cores, at least 4).")
    int maxConcurrent;

    /** Settings-file keys, in the order of the flags. */
    static final String[][] FILE_KEYS = {
            {"query.timeout", "--query-timeout", "LOGLINE_QUERY_TIMEOUT"},
            {"query.max-memory", "--query-max-memory", "LOGLINE_QUERY_MAX_MEMORY"},
            {"query.max-groups", "--query-max-groups", "LOGLINE_QUERY_MAX_GROUPS"},
            {"query.max-terms", "--query-max-terms", "LOGLINE_QUERY_MAX_TERMS"},
            {"query.max-per-key", "--query-max-per-key", "LOGLINE_QUERY_MAX_PER_KEY"},
            {"query.max-concurrent", "--query-max-concurrent", "LOGLINE_QUERY_MAX_CONCURRENT"},
    };

    /** Sets the option a settings-file key names from its text (the caller checked no flag or variable gave it). */
    void set(String key, String value) {
        String v = value.trim();
        switch (key) {
            case "query.timeout" -> timeout = v;
            case "query.max-memory" -> maxMemory = v;
            case "query.max-groups" -> maxGroups = whole(key, v);
            case "query.max-terms" -> maxTerms = whole(key, v);
            case "query.max-per-key" -> maxPerKey = whole(key, v);
            case "query.max-concurrent" -> maxConcurrent = whole(key, v);
            default -> throw new IllegalArgumentException("unknown query setting " + key);
        }
    }

    /**
     * The settings applied to a server configuration.
     *
     * @throws IllegalArgumentException naming the bad option and what it takes, for a usage error
     */
    ServerConfig applyTo(ServerConfig config) {
        if (maxGroups < 1 || maxTerms < 1 || maxPerKey < 1 || maxConcurrent < 0) {
            throw new IllegalArgumentException("--query-max-groups, --query-max-terms and --query-max-per-key must be "
                    + "at least 1, --query-max-concurrent at least 0 (0: twice the cores)");
        }
        QueryLimits limits = new QueryLimits(TimeRange.duration("--query-timeout", timeout), bytes(maxMemory),
                maxGroups, maxTerms);
        int total = maxConcurrent == 0 ? ServerConfig.defaults().maxQueries() : maxConcurrent;
        return config.withQueryLimits(limits).withConcurrentQueries(maxPerKey, total);
    }

    /** One line for the startup banner: each query's bounds and how many run at once. */
    static String describe(ServerConfig config) {
        QueryLimits l = config.queryLimits();
        long mib = l.maxMemoryBytes() >> 20;
        long ms = l.timeout().toMillis();
        return "each at most " + (ms % 1000 == 0 ? ms / 1000 + " s, " : ms + " ms, ")
                + (mib > 0 ? mib + " MiB" : l.maxMemoryBytes() + " bytes") + ", " + l.maxGroups() + " groups, "
                + l.maxTerms() + " terms; " + config.maxQueriesPerKey() + " at once per key, " + config.maxQueries()
                + " in all";
    }

    /** {@code 134217728}, {@code 512k}, {@code 128m}, {@code 1g} (powers of 1024; a trailing {@code b}/{@code ib} is fine). */
    static long bytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        long unit = 1;
        if (!s.isEmpty() && "kmg".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1);
        }
        if (!s.matches("[0-9]{1,12}") || Long.parseLong(s) == 0) {
            throw new IllegalArgumentException("--query-max-memory: '" + text + "' is not a positive size; use bytes "
                    + "or a number with k, m or g, e.g. 128m");
        }
        return Long.parseLong(s) * unit;
    }

    private static int whole(String key, String v) {
        if (!v.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
        return Integer.parseInt(v);
    }
}
