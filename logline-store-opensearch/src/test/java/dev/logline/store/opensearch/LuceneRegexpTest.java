package dev.logline.store.opensearch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Java regexes are rewritten for Lucene, and how; the meaning is checked against OpenSearch elsewhere. */
class LuceneRegexpTest {

    @Test
    void rewritesTheCommonSubset() {
        assertThat(LuceneRegexp.fromJava("pay.*")).isEqualTo("pay[^\\\n\\\r\\\u0085\\\u2028\\\u2029]*");
        assertThat(LuceneRegexp.fromJava("shop\\.(orders|auth)\\.O")).isEqualTo("shop\\.(orders|auth)\\.O");
        assertThat(LuceneRegexp.fromJava("[a-c][^x]+")).isEqualTo("[a-c][^x]+");
        assertThat(LuceneRegexp.fromJava("\\d{2,4}-\\w?")).isEqualTo("[0-9]{2,4}\\-[a-zA-Z_0-9]?");
        assertThat(LuceneRegexp.fromJava("(?:a|b)\"#@&<>~")).isEqualTo("(a|b)\\\"\\#\\@\\&\\<\\>\\~");
    }

    @Test
    void refusesWhatLuceneReadsDifferently() {
        for (String regex : new String[] {"^a", "a$", "a*?", "a++", "(?i)a", "(?=a)b", "(a)\\1", "[a&&b]", "\\p{L}",
                "a|", "()", "\\bword", "[[a]]", "a{,2}"}) {
            assertThat(LuceneRegexp.fromJava(regex)).as(regex).isNull();
        }
    }
}
