package dev.logline.core.sampling;

import dev.logline.core.Level;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One sampling rule: which events it applies to (logger prefix and levels), the rate of transactions kept, and an
 * optional rate limit per key.
 *
 * <p>Written as text (one {@code <rule>} in logback.xml):
 * {@code logger=shop.db; levels=DEBUG,INFO; rate=0.1; limit=50/s; burst=100; by=message}. Every part is optional:
 * <ul>
 *   <li>{@code logger} — a logger name prefix on dot boundaries ({@code shop.db} covers {@code shop.db.Pool});
 *       {@code *} or absent: every logger;</li>
 *   <li>{@code levels} — the levels covered, default {@code TRACE,DEBUG,INFO}; WARN and above are sampled only
 *       when named here;</li>
 *   <li>{@code rate} — fraction of transactions kept, {@code 0.1} or {@code 10%}, default 1;</li>
 *   <li>{@code limit} — at most N events per {@code s}, {@code m} or {@code h} per key, default none;</li>
 *   <li>{@code burst} — events allowed at once before the limit bites, default the limit's N;</li>
 *   <li>{@code by} — the limit's key: {@code rule} (one bucket, default), {@code logger}, {@code message}
 *       (the message template) or any field name (MDC / key-value).</li>
 * </ul>
 *
 * @param loggerPrefix   logger prefix, empty for every logger
 * @param levels         levels this rule covers
 * @param rate           fraction of transactions kept, 0..1
 * @param limitPerSecond events per second per key, or 0 for no limit
 * @param burst          bucket size when limited
 * @param limitBy        the rate limit's key: {@code rule}, {@code logger}, {@code message} or a field name
 */
public record SamplingRule(String loggerPrefix, Set<Level> levels, double rate, double limitPerSecond, double burst,
                           String limitBy) {

    /** Levels a rule covers when it names none: WARN and above are never sampled by default. */
    public static final Set<Level> DEFAULT_LEVELS = EnumSet.of(Level.TRACE, Level.DEBUG, Level.INFO);

    /** The {@code by} value for one bucket shared by every event the rule covers. */
    public static final String BY_RULE = "rule";
    /** The {@code by} value for one bucket per logger. */
    public static final String BY_LOGGER = "logger";
    /** The {@code by} value for one bucket per message template (one log statement). */
    public static final String BY_MESSAGE = "message";

    public SamplingRule {
        loggerPrefix = loggerPrefix == null || "*".equals(loggerPrefix) ? "" : loggerPrefix;
        levels = levels == null || levels.isEmpty() ? DEFAULT_LEVELS : Set.copyOf(levels);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
        }
        if (!(limitPerSecond >= 0)) {
            throw new IllegalArgumentException("limit must not be negative: " + limitPerSecond);
        }
        if (limitPerSecond > 0 && !(burst >= 1)) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        limitBy = limitBy == null || limitBy.isBlank() ? BY_RULE : limitBy.trim();
    }

    /** A rule that keeps {@code rate} of the transactions for events of {@code loggerPrefix} at the default levels. */
    public static SamplingRule rate(String loggerPrefix, double rate) {
        return new SamplingRule(loggerPrefix, null, rate, 0, 0, null);
    }

    /** True when the rule covers an event of this level from this logger. */
    public boolean covers(Level level, String logger) {
        if (!levels.contains(level)) {
            return false;
        }
        if (loggerPrefix.isEmpty()) {
            return true;
        }
        return logger != null && logger.startsWith(loggerPrefix)
                && (logger.length() == loggerPrefix.length() || logger.charAt(loggerPrefix.length()) == '.');
    }

    /** True when the rule has a rate limit. */
    public boolean limited() {
        return limitPerSecond > 0;
    }

    /**
     * Parses the text form described in the class comment.
     *
     * @throws IllegalArgumentException naming the part that is wrong and the expected form
     */
    public static SamplingRule parse(String text) {
        String logger = null;
        Set<Level> levels = null;
        double rate = 1.0;
        double limit = 0;
        double limitCount = 1;
        Double burst = null;
        String by = null;
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("sampling rule part '" + p + "' is not name=value, in: " + text);
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            switch (name) {
                case "logger":
                    logger = value;
                    break;
                case "levels":
                case "level":
                    levels = parseLevels(value, text);
                    break;
                case "rate":
                    rate = parseRate(value, text);
                    break;
                case "limit":
                    limit = parseLimit(value, text);
                    limitCount = parseNumber(value.substring(0, value.indexOf('/')).trim(), "limit", text);
                    break;
                case "burst":
                    burst = parseNumber(value, "burst", text);
                    break;
                case "by":
                    by = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown sampling rule part '" + name
                            + "' (expected logger, levels, rate, limit, burst or by), in: " + text);
            }
        }
        // The natural burst is the limit's own count: a minute's worth for N/m.
        double b = burst != null ? burst : Math.max(1, Math.ceil(limitCount));
        return new SamplingRule(logger, levels, rate, limit, b, by);
    }

    private static Set<Level> parseLevels(String value, String text) {
        Set<Level> set = EnumSet.noneOf(Level.class);
        for (String s : value.split(",")) {
            Level level = Level.parse(s.trim());
            if (level == null) {
                throw new IllegalArgumentException("unknown level '" + s.trim() + "' in: " + text);
            }
            set.add(level);
        }
        return set;
    }

    private static double parseRate(String value, String text) {
        if (value.endsWith("%")) {
            return parseNumber(value.substring(0, value.length() - 1).trim(), "rate", text) / 100.0;
        }
        return parseNumber(value, "rate", text);
    }

    /** Reads {@code N/s}, {@code N/m} or {@code N/h} as events per second. */
    private static double parseLimit(String value, String text) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("limit '" + value + "' must look like 100/s, 100/m or 100/h, in: " + text);
        }
        double count = parseNumber(value.substring(0, slash).trim(), "limit", text);
        switch (value.substring(slash + 1).trim().toLowerCase(Locale.ROOT)) {
            case "s": return count;
            case "m": return count / 60.0;
            case "h": return count / 3600.0;
            default:
                throw new IllegalArgumentException("limit '" + value + "' must end in /s, /m or /h, in: " + text);
        }
    }

    private static double parseNumber(String value, String name, String text) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number, in: " + text, e);
        }
    }
}
