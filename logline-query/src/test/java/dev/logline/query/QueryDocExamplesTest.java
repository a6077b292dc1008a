package dev.logline.query;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Keeps docs/QUERY.md honest: its examples parse, and its error table is what the parser says. */
class QueryDocExamplesTest {

    private static final Path DOC = Paths.get("..", "docs", "QUERY.md");
    private static final Pattern CODE = Pattern.compile("`((?:[^`\\\\]|\\\\.)+)`");

    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        assumeTrue(Files.isRegularFile(DOC), "docs absent: " + DOC.toAbsolutePath());
        lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    }

    /** The table rows of the section that starts with this heading. */
    private static List<String[]> tableRows(String heading) {
        List<String[]> rows = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                in = line.equals(heading);
                continue;
            }
            if (in && line.startsWith("| ") && !line.startsWith("|---")) {
                rows.add(line.substring(2, line.length() - 2).split(" \\| "));
            }
        }
        return rows.subList(1, rows.size()); // drop the header row
    }

    private static List<String> code(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1).replace("\\|", "|"));
        }
        return out;
    }

    @Test
    void everyFilterExampleParses() {
        int checked = 0;
        for (String[] row : tableRows("## Filters")) {
            for (String example : code(row[1])) {
                LqlParser.parse(example);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void everyPipeExampleParses() {
        int checked = 0;
        for (String[] row : tableRows("## Pipes")) {
            for (String example : code(row[1])) {
                LqlParser.parse(example.startsWith("|") ? "*" + example : example);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6);
    }

    @Test
    void theErrorTableIsWhatTheParserSays() {
        int checked = 0;
        for (String[] row : tableRows("## Errors")) {
            String query = code(row[0]).get(0);
            int column = Integer.parseInt(row[1].trim());
            String hint = row[2].trim().replace(" …", "");
            LqlSyntaxException e = catchThrowableOfType(LqlSyntaxException.class, () -> LqlParser.parse(query));
            assertThat(e).as(query).isNotNull();
            assertThat(e.column()).as(query).isEqualTo(column);
            assertThat(e.hint()).as(query).startsWith(hint.replace("\\|", "|"));
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }
}
