package dev.logline.query.match;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.query.LqlParser;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FilterMatcherTest {

    private static final LogEvent EVENT = LogEvent.builder()
            .tsMicros(Timestamps.parseMicros("2026-11-22T10:00:00.123456Z"))
            .level(Level.ERROR)
            .msg("Payment timed out after 30s for order ORD987")
            .service("payments")
            .host("node-1")
            .logger("shop.payments.Gateway")
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .error(new ErrorInfo("java.net.SocketTimeoutException", "Read timed out", null, "9f2c01", null))
            .durationMs(107.9)
            .attribute("http", Map.of("status", 504L, "path", "/api/pay"))
            .attribute("amount", 250.0)
            .attribute("retries", 3L)
            .attribute("retry", true)
            .attribute("tags", List.of("eu", "card"))
            .attribute("codes", List.of(1L, 7L))
            .attribute("status_text", "500")
            .build();
    private static final int SIZE = LogEventJson.toJsonBytes(EVENT).length;

    private static boolean matches(String lql) {
        return FilterMatcher.matches(LqlParser.parseFilter(lql), EVENT, SIZE);
    }

    @Test
    void matchAll() {
        assertThat(FilterMatcher.matches(MatchAllFilter.INSTANCE, EVENT, SIZE)).isTrue();
    }

    @Nested
    class Words {
        @Test
        void matchATokenOfTheMessageIgnoringCase() {
            assertThat(FilterMatcher.matches(new WordFilter("timed", false), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new WordFilter("TIMED", false), EVENT, SIZE)).isTrue();
            assertThat(matches("ord987")).isTrue();
            assertThat(matches("time")).isFalse();
        }

        @Test
        void prefixMatchesATokenStart() {
            assertThat(FilterMatcher.matches(new WordFilter("tim", true), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new WordFilter("imed", true), EVENT, SIZE)).isFalse();
        }

        @Test
        void searchOnlyTheMessage() {
            assertThat(matches("payments")).isFalse(); // the service, not in msg
            assertThat(matches("node")).isFalse();
        }

        @Test
        void noMessageNoMatch() {
            LogEvent quiet = EVENT.toBuilder().msg(null).build();
            assertThat(FilterMatcher.matches(new WordFilter("timed", false), quiet, 10)).isFalse();
        }
    }

    @Nested
    class Phrases {
        @Test
        void matchConsecutiveTokens() {
            assertThat(FilterMatcher.matches(new PhraseFilter("timed out"), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new PhraseFilter("TIMED-OUT after"), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new PhraseFilter("out timed"), EVENT, SIZE)).isFalse();
            assertThat(FilterMatcher.matches(new PhraseFilter("timed after"), EVENT, SIZE)).isFalse();
        }

        @Test
        void anEmptyPhraseMatchesNothing() {
            assertThat(FilterMatcher.matches(new PhraseFilter("!!"), EVENT, SIZE)).isFalse();
        }
    }

    @Nested
    class Terms {
        @Test
        void stringsCompareExactly() {
            assertThat(FilterMatcher.matches(new TermFilter("service", "payments"), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new TermFilter("service", "Payments"), EVENT, SIZE)).isFalse();
            assertThat(FilterMatcher.matches(new TermFilter("service", "pay"), EVENT, SIZE)).isFalse();
        }

        @Test
        void levelComparesIgnoringCase() {
            assertThat(matches("level:error")).isTrue();
            assertThat(matches("level:ERROR")).isTrue();
            assertThat(matches("level:WARN")).isFalse();
        }

        @Test
        void numbersCompareNumerically() {
            assertThat(matches("http.status:504")).isTrue();
            assertThat(matches("http.status:504.0")).isTrue();
            assertThat(matches("amount:250")).isTrue();
            assertThat(matches("http.status:five")).isFalse();
            assertThat(matches("status_text:500")).isTrue(); // a string value compares as a string
            assertThat(matches("status_text:500.0")).isFalse();
        }

        @Test
        void booleansCompareWithTrueAndFalse() {
            assertThat(matches("retry:true")).isTrue();
            assertThat(matches("retry:false")).isFalse();
        }

        @Test
        void listsMatchWhenAnyElementMatches() {
            assertThat(matches("tags:card")).isTrue();
            assertThat(matches("tags:us")).isFalse();
            assertThat(matches("codes:7")).isTrue();
        }

        @Test
        void reservedAndErrorFields() {
            assertThat(matches("trace_id:4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
            assertThat(matches("error.type:java.net.SocketTimeoutException")).isTrue();
            assertThat(matches("error:java.net.SocketTimeoutException")).isTrue();
            assertThat(matches("duration_ms:107.9")).isTrue();
        }

        @Test
        void tsAcceptsATime() {
            assertThat(matches("ts:\"2026-11-22T10:00:00.123456Z\"")).isTrue();
            assertThat(matches("ts:\"2026-11-22T10:00:00Z\"")).isFalse();
            assertThat(matches("ts:" + EVENT.tsMicros())).isTrue(); // a number is compared as epoch micros
        }

        @Test
        void theExactMessage() {
            assertThat(matches("msg:=\"Payment timed out after 30s for order ORD987\"")).isTrue();
            assertThat(matches("msg:=\"Payment timed out\"")).isFalse();
        }

        @Test
        void missingFieldNeverMatches() {
            assertThat(matches("nope:x")).isFalse();
        }
    }

    @Nested
    class Prefixes {
        @Test
        void stringStartsWith() {
            assertThat(FilterMatcher.matches(new PrefixFilter("logger", "shop.pay"), EVENT, SIZE)).isTrue();
            assertThat(matches("logger:shop.payments.*")).isTrue();
            assertThat(matches("logger:shop.auth.*")).isFalse();
            assertThat(matches("tags:ca*")).isTrue();
        }

        @Test
        void numbersAreNotPrefixMatched() {
            assertThat(matches("retries:3*")).isFalse();
        }
    }

    @Nested
    class Regexes {
        @Test
        void matchTheWholeValue() {
            assertThat(FilterMatcher.matches(new RegexFilter("host", "node-[0-9]+"), EVENT, SIZE)).isTrue();
            assertThat(matches("host:/node/")).isFalse();
            assertThat(matches("host:/node.*/")).isTrue();
            assertThat(matches("http.path:/\\/api\\/pay/")).isTrue();
            assertThat(matches("tags:/e./")).isTrue();
        }

        @Test
        void catastrophicPatternsGiveUpInsteadOfHanging() {
            LogEvent evil = EVENT.toBuilder().attribute("s", "a".repeat(40) + "!").build();
            assertThat(FilterMatcher.matches(new RegexFilter("s", "(a+)+b"), evil, 10)).isFalse();
        }
    }

    @Nested
    class Ranges {
        @Test
        void numericBoundsAndInclusivity() {
            assertThat(matches("http.status>=504")).isTrue();
            assertThat(matches("http.status>504")).isFalse();
            assertThat(matches("http.status<=504")).isTrue();
            assertThat(matches("http.status<504")).isFalse();
            assertThat(matches("amount:[100 TO 250]")).isTrue();
            assertThat(matches("amount:[100 TO 250}")).isFalse();
            assertThat(matches("amount:{249.9 TO 300}")).isTrue();
            assertThat(matches("amount:[1e2 TO *]")).isTrue();
        }

        @Test
        void stringsAreNotInNumericRanges() {
            assertThat(matches("status_text>1")).isFalse();
            assertThat(matches("service>1")).isFalse();
        }

        @Test
        void tsBoundsAreTimes() {
            assertThat(matches("ts>2026-11-22T10:00:00Z")).isTrue();
            assertThat(matches("ts>2026-11-22T10:00:00.123456Z")).isFalse();
            assertThat(matches("ts:[2026-11-22T09:00:00Z TO 2026-11-22T10:30:00+00:29]")).isTrue();
            assertThat(matches("ts:[2026-11-22T09:00:00Z TO 2026-11-22T10:30:00+00:30]")).isFalse();
            assertThat(matches("ts<2026-11-22")).isFalse();
        }

        @Test
        void largeLongsCompareExactly() {
            LogEvent big = EVENT.toBuilder().attribute("n", 9_007_199_254_740_993L).build();
            RangeFilter above = new RangeFilter("n", "9007199254740992", false, null, false);
            assertThat(FilterMatcher.matches(above, big, 10)).isTrue();
        }

        @Test
        void listsMatchWhenAnyElementIsInRange() {
            assertThat(matches("codes>5")).isTrue();
            assertThat(matches("codes>7")).isFalse();
        }
    }

    @Nested
    class Exists {
        @Test
        void presentFields() {
            assertThat(FilterMatcher.matches(new ExistsFilter("amount"), EVENT, SIZE)).isTrue();
            assertThat(matches("http.status:*")).isTrue();
            assertThat(matches("span_id:*")).isFalse();
            assertThat(matches("steps:*")).isFalse();
            assertThat(matches("error:*")).isTrue();
        }
    }

    @Nested
    class Size {
        @Test
        void isTheJsonByteLength() {
            assertThat(matches("_size:" + SIZE)).isTrue();
            assertThat(matches("_size>" + (SIZE - 1))).isTrue();
            assertThat(matches("_size>" + SIZE)).isFalse();
            assertThat(matches("_size:*")).isTrue();
        }
    }

    @Nested
    class Booleans {
        @Test
        void andOrNot() {
            TermFilter yes = new TermFilter("service", "payments");
            TermFilter no = new TermFilter("service", "ordering");
            assertThat(FilterMatcher.matches(new AndFilter(List.of(yes, yes)), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new AndFilter(List.of(yes, no)), EVENT, SIZE)).isFalse();
            assertThat(FilterMatcher.matches(new OrFilter(List.of(no, yes)), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new OrFilter(List.of(no, no)), EVENT, SIZE)).isFalse();
            assertThat(FilterMatcher.matches(new NotFilter(no), EVENT, SIZE)).isTrue();
            assertThat(FilterMatcher.matches(new NotFilter(yes), EVENT, SIZE)).isFalse();
        }

        @Test
        void designExamples() {
            assertThat(matches("level:ERROR service:(payments OR ordering) \"timed out\"")).isTrue();
            assertThat(matches("http.status>=500 -http.path:/healthz amount>100")).isTrue();
            assertThat(matches("logger:shop.payments.* -level:INFO")).isTrue();
            assertThat(matches("level:ERROR service:(auth OR ordering)")).isFalse();
        }
    }

    @Test
    void rowsOfATableMatchByColumn() {
        FieldLookup row = Map.<String, Object>of("service", "payments", "count", 21L)::get;
        assertThat(FilterMatcher.matches(LqlParser.parseFilter("count>20 service:payments"), row)).isTrue();
        assertThat(FilterMatcher.matches(LqlParser.parseFilter("count>21"), row)).isFalse();
    }
}
