package dev.logline.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegexComplexityTest {

    @Test
    void acceptsPatternsWhoseDeterministicFormStaysSmall() {
        for (String ok : new String[] {".*timeout.*", "node-[0-9]+", "(ann|bob|cy)-[a-z]{1,20}", "[a-z]{1,1000}",
            "x{2,3}", ".*", "(a|b)*a(a|b){6}", "[^/]+/[^/]+/v[0-9]+", "ORD[0-9]{3}.*", "a\\.b.*c?"}) {
            assertThat(RegexComplexity.check(ok)).as(ok).isNull();
            assertThat(RegexSyntax.check(ok)).as(ok).isNull();
        }
    }

    @Test
    void refusesAnAnyCharLoopBeforeACountedRepeat() {
        assertThat(RegexSyntax.check(".*a.{40}")).contains("too complex for the index").contains("'.{40}'");
        assertThat(RegexSyntax.check("(a|b)*a(a|b){30}")).contains("too complex");
        assertThat(RegexSyntax.check("[a-z]*x[a-z]{25}.*")).contains("too complex");
    }

    @Test
    void refusesCountedRepeatsThatExpandPastTheLimit() {
        assertThat(RegexSyntax.check("(a{100}){200}")).contains("more than 10000 characters");
        assertThat(RegexSyntax.check("a{0,99999999}")).contains("more than 10000 characters");
    }

    @Test
    void theParserPointsAtTheRegexColumn() {
        assertThatThrownBy(() -> LqlParser.parse("level:ERROR s:/.*a.{40}/"))
                .isInstanceOfSatisfying(LqlSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(15);
                    assertThat(e.hint()).contains("too complex");
                });
    }

    @Test
    void readsClassesEscapesAndNestedQuantifiers() {
        for (String ok : new String[] {"[]a]+", "[^]a]*b", "\\[x\\]", "[a\\-z]", "a*?b", "(x+)+y", "é+[ü-ž]"}) {
            assertThat(RegexSyntax.check(ok)).as(ok).isNull();
        }
    }
}
