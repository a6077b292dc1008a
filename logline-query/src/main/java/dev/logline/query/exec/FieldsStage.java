package dev.logline.query.exec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code | fields a, b}: hides every other field from later stages. */
final class FieldsStage extends Stage {

    private final Set<String> kept;

    FieldsStage(List<String> fields) {
        this.kept = new LinkedHashSet<>(fields);
    }

    @Override
    void accept(Row row) {
        next.accept(new ProjectedRow(row, kept));
    }
}
