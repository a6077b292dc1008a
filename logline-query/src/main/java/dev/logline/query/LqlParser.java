package dev.logline.query;

import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads LQL text into a {@link Query}: a filter, then pipes after {@code |}. The grammar is in
 * {@code docs/QUERY.md}; an empty filter means {@code *}. Errors are {@link LqlSyntaxException}s with the
 * column and a hint.
 */
public final class LqlParser {

    private LqlParser() {
    }

    /** Parses a whole query. */
    public static Query parse(String text) {
        LqlScanner s = new LqlScanner(text);
        s.skipWhitespace();
        Filter filter = s.eof() || s.peekIs('|') ? MatchAllFilter.INSTANCE : new FilterParser(s).parseFilter();
        List<Pipe> pipes = new ArrayList<>();
        PipeParser pipeParser = new PipeParser(s);
        boolean aggregated = false;
        while (true) {
            s.skipWhitespace();
            if (s.eof()) {
                break;
            }
            if (!s.peekIs('|')) {
                throw s.error(s.pos, "unexpected '" + s.snippet(s.pos) + "'; expected '|' or the end of the query");
            }
            s.pos++;
            Pipe pipe = pipeParser.parsePipe(aggregated);
            aggregated |= pipe instanceof StatsPipe || pipe instanceof TimechartPipe;
            pipes.add(pipe);
        }
        return new Query(filter, pipes);
    }

    /** Parses a filter alone (no pipes), e.g. a retention rule's or an alert's filter; empty means {@code *}. */
    public static Filter parseFilter(String text) {
        LqlScanner s = new LqlScanner(text);
        s.skipWhitespace();
        Filter filter = s.eof() ? MatchAllFilter.INSTANCE : new FilterParser(s).parseFilter();
        s.skipWhitespace();
        if (!s.eof()) {
            throw s.error(s.pos, "only a filter is allowed here, without pipes");
        }
        return filter;
    }
}
