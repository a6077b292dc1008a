package dev.logline.server.alerts;

import dev.logline.query.LqlParser;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.Query;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.stats.Aggregate;
import dev.logline.server.documents.InvalidDocumentException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes an alert rule breach: one LQL aggregate over the rule's window compared with a number, as in
 * {@code count() > 20}, {@code p95(latency_ms) >= 800} or {@code count() == 0} ("went silent").
 *
 * @param aggregate the aggregate, as {@code stats} reads it
 */
public record AlertCondition(Aggregate aggregate, Comparison comparison, double threshold) {

    private static final Pattern SHAPE = Pattern.compile("^(\\s*[^<>=!]*\\))\\s*(>=|<=|==|!=|>|<|=)\\s*(\\S+)\\s*$");
    private static final String STATS = "* | stats ";

    /**
     * Reads {@code <aggregate> <comparison> <number>}.
     *
     * @throws InvalidDocumentException naming {@code condition}, with the column where LQL could not read the aggregate
     */
    public static AlertCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDocumentException("condition", "is missing; write an aggregate, a comparison and a number, "
                    + "e.g. count() > 20 or p95(latency_ms) > 800");
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new InvalidDocumentException("condition", "'" + text + "' is not <aggregate> <comparison> <number>; "
                    + "e.g. count() > 20, p95(latency_ms) >= 800, count() == 0 (comparisons: > >= < <= == !=)");
        }
        double threshold;
        try {
            threshold = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw new InvalidDocumentException("condition", "'" + m.group(3) + "' is not a number; compare the aggregate "
                    + "with a number such as 20 or 0.5", m.start(3) + 1);
        }
        if (!Double.isFinite(threshold)) {
            throw new InvalidDocumentException("condition", "the threshold must be a finite number", m.start(3) + 1);
        }
        Query q;
        try {
            q = LqlParser.parse(STATS + m.group(1));
        } catch (LqlSyntaxException e) {
            throw new InvalidDocumentException("condition", e.getMessage(), Math.max(1, e.column() - STATS.length()));
        }
        StatsPipe stats = (StatsPipe) q.pipes().get(0);
        if (q.pipes().size() != 1 || stats.aggregates().size() != 1 || !stats.by().isEmpty()) {
            throw new InvalidDocumentException("condition", "'" + m.group(1).trim() + "' must be exactly one aggregate "
                    + "such as count() or avg(latency_ms); put grouping fields in 'by'");
        }
        return new AlertCondition(stats.aggregates().get(0), Comparison.of(m.group(2)), threshold);
    }

    /** Whether a value breaches the condition; no value (no events for an average) never does. */
    public boolean breached(Double value) {
        return value != null && comparison.holds(value, threshold);
    }

    /**
     * Whether the aggregate of no events is 0 rather than nothing ({@code count}, {@code count_uniq}, {@code sum}),
     * so a window without events has a value a "went silent" condition can test.
     */
    public boolean zeroWhenEmpty() {
        String text = aggregate.print();
        return text.startsWith("count(") || text.startsWith("count_uniq(") || text.startsWith("sum(");
    }

    /** The canonical text, e.g. {@code p95(latency_ms) > 800}. */
    public String print() {
        return aggregate.print() + " " + comparison.symbol() + " " + AlertValues.format(threshold);
    }
}
