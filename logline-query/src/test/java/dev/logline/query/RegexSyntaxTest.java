package dev.logline.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegexSyntaxTest {

    @Test
    void acceptsTheSharedDialect() {
        for (String ok : new String[] {"a.*", "node-[0-9]+", "(ann|bob)", "x{2,3}", "[^a-z]", "a\\.b", "a\\\\b",
            "[]a]", "\\@x", "q?r+"}) {
            assertThat(RegexSyntax.check(ok)).as(ok).isNull();
        }
    }

    @Test
    void rejectsWhatTheIndexWouldReadDifferently() {
        assertThat(RegexSyntax.check("\\d+")).contains("'\\d' is not supported");
        assertThat(RegexSyntax.check("^a")).contains("'^' is not needed");
        assertThat(RegexSyntax.check("a$")).contains("'$' is not needed");
        assertThat(RegexSyntax.check("(?i)a")).contains("'(?'");
        assertThat(RegexSyntax.check("a@b")).contains("escape it as \\@");
        assertThat(RegexSyntax.check("a~b")).contains("special meaning");
        assertThat(RegexSyntax.check("<1-5>")).contains("special meaning");
        assertThat(RegexSyntax.check("[a-z&&[^b]]")).contains("inside [...]");
        assertThat(RegexSyntax.check("[ab")).contains("unclosed '['");
        assertThat(RegexSyntax.check("a(")).contains("invalid regular expression");
        assertThat(RegexSyntax.check("a\\")).contains("lone '\\'");
        assertThat(RegexSyntax.check("")).contains("empty");
        assertThat(RegexSyntax.check("a".repeat(1001))).contains("longer than 1000");
    }
}
