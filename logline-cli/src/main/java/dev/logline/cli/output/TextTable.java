package dev.logline.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header, aligned columns, numbers right-aligned, and long cells cut with an ellipsis. */
public final class TextTable {

    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] numeric;
    private final int maxCellWidth;

    public TextTable(List<String> columns, int maxCellWidth) {
        this.columns = List.copyOf(columns);
        this.numeric = new boolean[columns.size()];
        java.util.Arrays.fill(numeric, true);
        this.maxCellWidth = maxCellWidth;
    }

    /** Adds a row; a row shorter than the header is padded with blanks. */
    public void add(List<String> cells) {
        List<String> row = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            String c = i < cells.size() && cells.get(i) != null ? TerminalText.safe(cells.get(i)) : "";
            c = c.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
            if (!c.isEmpty() && !isNumber(c)) {
                numeric[i] = false;
            }
            row.add(c);
        }
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.min(maxCellWidth, columns.get(i).length());
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], Math.min(maxCellWidth, row.get(i).length()));
            }
        }
        printRow(out, columns, width, false);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) {
                rule.append("  ");
            }
            rule.append("-".repeat(width[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            printRow(out, row, width, true);
        }
        out.flush();
    }

    private void printRow(PrintWriter out, List<String> cells, int[] width, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String c = cut(cells.get(i), width[i]);
            String pad = " ".repeat(width[i] - c.length());
            boolean last = i == width.length - 1;
            if (alignNumbers && numeric[i]) {
                line.append(pad).append(c);
            } else {
                line.append(c).append(last ? "" : pad);
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
