package dev.logline.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    private static String print(TextTable t) {
        StringWriter w = new StringWriter();
        t.print(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        TextTable t = new TextTable(List.of("service", "count"), 40);
        t.add(List.of("payments", "12"));
        t.add(List.of("ordering", "3"));
        assertThat(print(t).lines()).containsExactly(
                "service   count",
                "--------  -----",
                "payments     12",
                "ordering      3");
    }

    @Test
    void cutsLongCellsAndFlattensNewlines() {
        TextTable t = new TextTable(List.of("msg"), 8);
        t.add(List.of("line one\nline two"));
        assertThat(print(t).lines()).containsExactly("msg", "--------", "line on…");
    }
}
