package dev.logline.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class LqlRoundTripTest {

    /** Many seeds × many queries: print then parse gives back the same AST, and printing is stable. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void printThenParseGivesTheSameQuery(long seed) {
        RandomQueries gen = new RandomQueries(seed);
        for (int i = 0; i < 500; i++) {
            Query q = gen.query();
            String text = LqlPrinter.print(q);
            Query back;
            try {
                back = LqlParser.parse(text);
            } catch (LqlSyntaxException e) {
                fail("seed " + seed + " #" + i + ": printed query does not parse: " + text + "\n" + e.getMessage());
                return;
            }
            assertThat(back).as("seed %d #%d: %s", seed, i, text).isEqualTo(q);
            assertThat(LqlPrinter.print(back)).isEqualTo(text);
        }
    }

    /** Arbitrary printable text (and some non-ASCII): a clean syntax error or a query that round-trips. */
    @ParameterizedTest
    @ValueSource(longs = {19, 23})
    void arbitraryCharactersNeverBreakTheParser(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                int kind = random.nextInt(10);
                sb.append(kind == 0 ? (char) (0x80 + random.nextInt(0x3000)) : (char) (32 + random.nextInt(95)));
            }
            String text = sb.toString();
            try {
                Query q = LqlParser.parse(text);
                assertThat(LqlParser.parse(LqlPrinter.print(q))).as(text).isEqualTo(q);
            } catch (LqlSyntaxException e) {
                assertThat(e.column()).as(text).isBetween(1, text.length() + 1);
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected " + e + " for: " + text, e);
            }
        }
    }

    @Test
    void handWrittenQueriesRoundTripThroughTheirCanonicalForm() {
        String[] queries = {
            "level:ERROR service:(payments OR ordering) \"timed out\"",
            "trace_id:4bf92f3577b34da6a3ce929d0e0e4736",
            "http.status>=500 -path:/healthz latency_ms>250",
            "logger:shop.auth.* user:paul",
            "level:ERROR | stats count() by service, error.type | sort by count desc | limit 10",
            "service:inference | stats avg(latency_ms), p95(latency_ms), p99(latency_ms) by model_version",
            "* | timechart 1m count() by level",
            "order_id:ORD987 | fields ts, service, msg",
            "a b OR c -(d OR e) NOT f:[1 TO 5} g:/x\\/y/",
            "* | stats count() by service | where count > 20 | sort by avg(x)",
        };
        for (String text : queries) {
            Query q = LqlParser.parse(text);
            assertThat(LqlParser.parse(LqlPrinter.print(q))).as(text).isEqualTo(q);
        }
    }

    /**
     * Random character soup from LQL's alphabet: the parser either returns a query that round-trips or throws
     * {@link LqlSyntaxException} with a column inside the text — never another exception.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 17})
    void randomTextParsesOrFailsCleanly(long seed) {
        String[] alphabet = {"a", "b", "x", ":", " ", "*", "\"", "\\", "(", ")", "[", "]", "{", "}", "/", "|", "-",
            "OR ", "AND ", "NOT ", " TO ", ">", "<", "=", "`", "5", "2026-11-22T10:00:00Z", ".", "stats ", "count()",
            " by ", "sort ", "limit ", "where ", "fields ", ",", "timechart 1m ", "p95(x)", "as ", "desc", "ü"};
        Random random = new Random(seed);
        int parsed = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            Query q;
            try {
                q = LqlParser.parse(text);
            } catch (LqlSyntaxException e) {
                assertThat(e.column()).as(text).isBetween(1, text.length() + 1);
                assertThat(e.hint()).as(text).isNotBlank();
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected " + e + " for: " + text, e);
            }
            parsed++;
            String printed = LqlPrinter.print(q);
            assertThat(LqlParser.parse(printed)).as(text + " printed as " + printed).isEqualTo(q);
        }
        assertThat(parsed).isGreaterThan(100);
    }
}
