package dev.logline.query;

import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.LimitPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.SortPipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.pipe.WherePipe;
import dev.logline.query.stats.Aggregate;
import dev.logline.query.stats.AggregateCatalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses one pipe after a {@code |}: fields, sort, limit, stats, timechart, where. */
final class PipeParser {

    static final List<String> PIPES = List.of("fields", "sort", "limit", "stats", "timechart", "where");

    /** Longest timechart bucket; longer ones make no chart and would overflow microsecond arithmetic. */
    static final Duration MAX_INTERVAL = Duration.ofDays(366);

    private final LqlScanner s;

    PipeParser(LqlScanner s) {
        this.s = s;
    }

    /** Parses the pipe at the cursor (just after its {@code |}); {@code afterAggregation} rejects timechart there. */
    Pipe parsePipe(boolean afterAggregation) {
        s.skipWhitespace();
        int start = s.pos;
        int end = start;
        while (end < s.text.length() && (Character.isLetter(s.text.charAt(end)) || s.text.charAt(end) == '_')) {
            end++;
        }
        if (end == start) {
            throw s.error(start, "expected a pipe after '|'; known: " + String.join(", ", PIPES));
        }
        String name = s.text.substring(start, end).toLowerCase(Locale.ROOT);
        s.pos = end;
        switch (name) {
            case "fields":
                return new FieldsPipe(nameList("a field name after 'fields'"));
            case "sort":
                return sort();
            case "limit":
                return limit();
            case "stats": {
                List<Aggregate> aggregates = aggregates("stats");
                return new StatsPipe(aggregates, by(aggregates, start));
            }
            case "timechart":
                if (afterAggregation) {
                    throw s.error(start, "timechart needs events, but an earlier stats or timechart already made a table");
                }
                return timechart();
            case "where":
                return where();
            default:
                throw s.error(start, "unknown pipe '" + name + "'; known: " + String.join(", ", PIPES));
        }
    }

    private List<String> nameList(String what) {
        List<String> names = new ArrayList<>();
        do {
            s.skipWhitespace();
            names.add(s.readName(what));
            s.skipWhitespace();
        } while (consume(','));
        return names;
    }

    private boolean consume(char c) {
        if (s.peekIs(c)) {
            s.pos++;
            return true;
        }
        return false;
    }

    private Pipe sort() {
        s.skipWhitespace();
        if (s.atWordIgnoreCase("by", "`")) {
            s.pos += 2;
            s.skipWhitespace();
        }
        String field = s.readName("a field name after 'sort by'");
        s.skipWhitespace();
        boolean descending = false;
        if (s.atWordIgnoreCase("desc", "|")) {
            s.pos += 4;
            descending = true;
        } else if (s.atWordIgnoreCase("asc", "|")) {
            s.pos += 3;
        }
        return new SortPipe(field, descending);
    }

    private Pipe limit() {
        s.skipWhitespace();
        int at = s.pos;
        int end = at;
        while (end < s.text.length() && Character.isDigit(s.text.charAt(end))) {
            end++;
        }
        if (end == at || (end < s.text.length() && !Character.isWhitespace(s.text.charAt(end)) && s.text.charAt(end) != '|')) {
            throw s.error(at, "expected a whole number after 'limit', like limit 10");
        }
        s.pos = end;
        try {
            return new LimitPipe(Integer.parseInt(s.text.substring(at, end)));
        } catch (NumberFormatException e) {
            throw s.error(at, "the limit must be at most " + Integer.MAX_VALUE);
        }
    }

    private Pipe timechart() {
        s.skipWhitespace();
        int at = s.pos;
        int end = at;
        while (end < s.text.length() && Character.isDigit(s.text.charAt(end))) {
            end++;
        }
        Duration interval = null;
        if (end > at && end < s.text.length() && end - at <= 9) {
            long n = Long.parseLong(s.text.substring(at, end));
            char unit = s.text.charAt(end);
            if (n > 0 && (end + 1 >= s.text.length() || Character.isWhitespace(s.text.charAt(end + 1)))) {
                switch (unit) {
                    case 's': interval = Duration.ofSeconds(n); break;
                    case 'm': interval = Duration.ofMinutes(n); break;
                    case 'h': interval = Duration.ofHours(n); break;
                    case 'd': interval = Duration.ofDays(n); break;
                    default: break;
                }
            }
        }
        if (interval == null) {
            throw s.error(at, "expected an interval like 30s, 1m, 5m, 1h or 1d after 'timechart'");
        }
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            throw s.error(at, "the timechart interval is longer than " + MAX_INTERVAL.toDays() + " days");
        }
        s.pos = end + 1;
        List<Aggregate> aggregates = aggregates("timechart " + s.text.substring(at, end + 1));
        return new TimechartPipe(interval, aggregates, by(aggregates, at));
    }

    private Pipe where() {
        s.skipWhitespace();
        if (s.eof() || s.peekIs('|')) {
            throw s.error(s.pos, "expected a filter after 'where', like where count > 20");
        }
        return new WherePipe(new FilterParser(s).parseFilter());
    }

    private List<Aggregate> aggregates(String after) {
        List<Aggregate> aggregates = new ArrayList<>();
        do {
            s.skipWhitespace();
            aggregates.add(aggregate(aggregates.isEmpty() ? "an aggregate such as count() after '" + after + "'"
                    : "an aggregate after ','"));
            s.skipWhitespace();
        } while (consume(','));
        return aggregates;
    }

    private Aggregate aggregate(String what) {
        int at = s.pos;
        int end = at;
        while (end < s.text.length() && (Character.isLetterOrDigit(s.text.charAt(end)) || s.text.charAt(end) == '_')) {
            end++;
        }
        if (end == at) {
            throw s.error(at, "expected " + what + (s.eof() ? "" : " but found '" + s.snippet(at) + "'"));
        }
        String function = s.text.substring(at, end).toLowerCase(Locale.ROOT);
        if (!AggregateCatalog.isKnown(function)) {
            throw s.error(at, "unknown function '" + s.text.substring(at, end) + "'; known: "
                    + String.join(", ", AggregateCatalog.FUNCTIONS));
        }
        s.pos = end;
        s.skipWhitespace();
        if (!consume('(')) {
            throw s.error(s.pos, "expected '(' after '" + function + "', like " + function
                    + (AggregateCatalog.fieldOptional(function) ? "()" : "(latency_ms)"));
        }
        s.skipWhitespace();
        String field = null;
        if (!s.peekIs(')')) {
            field = s.readName("a field name inside " + function + "(…)");
            s.skipWhitespace();
        }
        if (!consume(')')) {
            throw s.error(s.pos, "expected ')' to close " + function + "(");
        }
        if (field == null && !AggregateCatalog.fieldOptional(function)) {
            throw s.error(at, function + "() needs a field, e.g. " + function + "(latency_ms)");
        }
        String alias = null;
        int save = s.pos;
        s.skipWhitespace();
        if (s.atWordIgnoreCase("as", "`")) {
            s.pos += 2;
            s.skipWhitespace();
            alias = s.readName("a column name after 'as'");
        } else {
            s.pos = save;
        }
        return AggregateCatalog.create(function, field, alias);
    }

    private List<String> by(List<Aggregate> aggregates, int pipeStart) {
        s.skipWhitespace();
        List<String> by = List.of();
        if (s.atWordIgnoreCase("by", "`")) {
            s.pos += 2;
            by = nameList("a field name after 'by'");
        }
        Set<String> columns = new HashSet<>(by);
        if (columns.size() < by.size()) {
            throw s.error(pipeStart, "a field appears twice after 'by'");
        }
        for (Aggregate a : aggregates) {
            if (!columns.add(a.columnName())) {
                throw s.error(pipeStart, "duplicate column '" + a.columnName() + "'; rename one with 'as'");
            }
        }
        return by;
    }
}
