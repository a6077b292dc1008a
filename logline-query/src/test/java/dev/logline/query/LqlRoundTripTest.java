package dev.logline.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


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

    @Test
    void handWrittenQueriesRoundTripThroughTheirCanonicalForm() {
        for (String text : LqlFuzzTest.QUERIES) {
            Query q = LqlParser.parse(text);
            assertThat(LqlParser.parse(LqlPrinter.print(q))).as(text).isEqualTo(q);
        }
    }
}
