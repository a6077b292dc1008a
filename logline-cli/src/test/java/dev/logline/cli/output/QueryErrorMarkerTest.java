package dev.logline.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class QueryErrorMarkerTest {

    @Test
    void putsTheCaretUnderTheBlamedColumn() {
        StringWriter w = new StringWriter();
        QueryErrorMarker.print(new PrintWriter(w), "level:ERROR AND (", 17, "unclosed parenthesis");
        assertThat(w.toString().lines()).startsWith(
                "error: unclosed parenthesis",
                "  level:ERROR AND (",
                "                  ^ column 17");
    }

    @Test
    void withoutAColumnThereIsNoCaret() {
        StringWriter w = new StringWriter();
        QueryErrorMarker.print(new PrintWriter(w), "x", null, "bad");
        assertThat(w.toString()).doesNotContain("^");
    }
}
