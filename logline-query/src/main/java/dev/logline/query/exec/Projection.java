package dev.logline.query.exec;

import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.Pipe;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@code fields} pipes of a query leave visible: the columns of the last one, in its order, each with a
 * value only if every earlier {@code fields} pipe kept it too ({@code fields a | fields a, b} shows {@code b} empty).
 */
public final class Projection {

    private final List<String> fields;
    private final Set<String> visible;

    private Projection(List<String> fields, Set<String> visible) {
        this.fields = fields;
        this.visible = visible;
    }

    /** The projection of these pipes (stats and timechart are not projections and are passed over). */
    public static Projection of(List<Pipe> pipes) {
        List<String> last = null;
        Set<String> kept = null;
        for (Pipe p : pipes) {
            if (p instanceof FieldsPipe) {
                last = ((FieldsPipe) p).fields();
                if (kept == null) {
                    kept = new LinkedHashSet<>(last);
                } else {
                    kept.retainAll(last);
                }
            }
        }
        return new Projection(last, kept);
    }

    /** The columns of the last {@code fields} pipe, or {@code null} when no pipe chose fields (all are shown). */
    public List<String> fields() {
        return fields;
    }

    /** Whether the field still has its value after every {@code fields} pipe. */
    public boolean visible(String field) {
        return visible == null || visible.contains(field);
    }
}
