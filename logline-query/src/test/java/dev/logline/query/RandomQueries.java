package dev.logline.query;

import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import dev.logline.query.match.MessageTokens;
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
import java.util.Random;
import java.util.Set;

/** Generates random queries in the parser's normal form (flattened AND/OR, no * inside AND) for round-trip tests. */
final class RandomQueries {

    private static final String[] FIELDS = {"service", "level", "http.status", "@timestamp", "user_id", "a-b", "msg",
        "ts", "_size", "error.type", "weird key", "-lead", "OR", "AND", "TO", "back`tick", "back\\slash", "ünï",
        "avg(x)", "count", "by", "as", "desc", "_time"};
    private static final String[] WORD_PARTS = {"a", "b", "timeout", "ord987", "5", "é", "ß", "x1", "and", "or", "not", "to"};
    private static final String[] VALUE_PARTS = {"a", "B", "payments", " ", "\"", "\\", "*", "/", ":", "(", ")", "[", "]",
        "{", "}", "|", "-", "=", "OR", "AND", "NOT", "TO", "ü", "`", ".", ">", "<", "5", "\t", "'", ","};
    private static final String[] REGEX_PARTS = {"a", "b.c", "[0-9]+", "(x|y)", "\\.", "/", " ", "[^a-z]", "z{2,3}",
        "\\\\", ".*", "q?", "\\*", "x/y", "é", "\\(", "[a\\]b]"};
    private static final String[] NUMBERS = {"0", "5", "-2.5", "1e3", "0.5", "500", "-7", "12345678901234567890"};
    private static final String[] TIMES = {"2026-11-22T10:00:00Z", "2026-11-22T10:00:00.123456Z", "2026-11-22", "1700000000",
        "2026-11-22T10:00:00+02:00"};

    private final Random random;

    RandomQueries(long seed) {
        this.random = new Random(seed);
    }

    Query query() {
        Filter filter = random.nextInt(5) == 0 ? MatchAllFilter.INSTANCE : filter(3);
        List<Pipe> pipes = new ArrayList<>();
        int n = random.nextInt(4);
        boolean aggregated = false;
        for (int i = 0; i < n; i++) {
            Pipe p = pipe(aggregated);
            aggregated |= p instanceof StatsPipe || p instanceof TimechartPipe;
            pipes.add(p);
        }
        return new Query(filter, pipes);
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    String field() {
        return pick(FIELDS);
    }

    private String text(String[] parts, int maxParts) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxParts + 1);
        for (int i = 0; i < n; i++) {
            sb.append(pick(parts));
        }
        return sb.toString();
    }

    Filter filter(int depth) {
        int kind = random.nextInt(depth > 0 ? 12 : 8);
        switch (kind) {
            case 0: {
                String w = pick(WORD_PARTS) + (random.nextBoolean() ? pick(WORD_PARTS) : "");
                return new WordFilter(w, random.nextBoolean());
            }
            case 1: {
                String phrase;
                do {
                    phrase = text(VALUE_PARTS, 6) + pick(WORD_PARTS) + text(VALUE_PARTS, 3);
                } while (MessageTokens.of(phrase).isEmpty());
                return new PhraseFilter(phrase);
            }
            case 2:
                return new TermFilter(field(), text(VALUE_PARTS, 5));
            case 3:
                return new PrefixFilter(field(), text(VALUE_PARTS, 4));
            case 4: {
                String regex;
                do {
                    regex = pick(REGEX_PARTS) + text(REGEX_PARTS, 4);
                } while (RegexSyntax.check(regex) != null);
                return new RegexFilter(field(), regex);
            }
            case 5:
                return range();
            case 6:
                return new ExistsFilter(field());
            case 7:
                return random.nextInt(4) == 0 ? MatchAllFilter.INSTANCE : new TermFilter(field(), pick(NUMBERS));
            case 8:
                return new NotFilter(filter(depth - 1));
            case 9:
            case 10: {
                List<Filter> all = new ArrayList<>();
                int n = 2 + random.nextInt(3);
                while (all.size() < n) {
                    Filter f = filter(depth - 1);
                    if (!(f instanceof AndFilter) && !(f instanceof MatchAllFilter)) {
                        all.add(f);
                    }
                }
                return new AndFilter(all);
            }
            default: {
                List<Filter> any = new ArrayList<>();
                int n = 2 + random.nextInt(3);
                while (any.size() < n) {
                    Filter f = filter(depth - 1);
                    if (!(f instanceof OrFilter)) {
                        any.add(f);
                    }
                }
                return new OrFilter(any);
            }
        }
    }

    private Filter range() {
        String field = field();
        boolean time = field.equals("ts") || field.equals("_time");
        String[] bounds = time ? TIMES : NUMBERS;
        String lower = random.nextInt(3) == 0 ? null : pick(bounds);
        String upper = random.nextInt(3) == 0 ? null : pick(bounds);
        return new RangeFilter(field, lower, lower != null && random.nextBoolean(), upper,
                upper != null && random.nextBoolean());
    }

    private Pipe pipe(boolean aggregated) {
        while (true) {
            switch (random.nextInt(6)) {
                case 0:
                    return new FieldsPipe(names(1 + random.nextInt(3)));
                case 1:
                    return new SortPipe(field(), random.nextBoolean());
                case 2:
                    return new LimitPipe(random.nextInt(1000));
                case 3: {
                    StatsPipe s = new StatsPipe(aggregates(), names(random.nextInt(3)));
                    if (uniqueColumns(s.aggregates(), s.by())) {
                        return s;
                    }
                    break;
                }
                case 4: {
                    if (aggregated) {
                        break;
                    }
                    Duration interval = Duration.ofSeconds(1 + random.nextInt(random.nextBoolean() ? 100 : 200_000));
                    TimechartPipe t = new TimechartPipe(interval, aggregates(), names(random.nextInt(2)));
                    if (uniqueColumns(t.aggregates(), t.by())) {
                        return t;
                    }
                    break;
                }
                default:
                    return new WherePipe(filter(2));
            }
        }
    }

    private List<String> names(int n) {
        Set<String> names = new HashSet<>();
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String f = field();
            if (names.add(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private List<Aggregate> aggregates() {
        List<Aggregate> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String function = AggregateCatalog.FUNCTIONS.get(random.nextInt(AggregateCatalog.FUNCTIONS.size()));
            String field = AggregateCatalog.fieldOptional(function) && random.nextBoolean() ? null : field();
            String alias = random.nextInt(3) == 0 ? field() + i : null;
            out.add(AggregateCatalog.create(function, field, alias));
        }
        return out;
    }

    private static boolean uniqueColumns(List<Aggregate> aggregates, List<String> by) {
        Set<String> columns = new HashSet<>(by);
        for (Aggregate a : aggregates) {
            if (!columns.add(a.columnName())) {
                return false;
            }
        }
        return true;
    }
}
