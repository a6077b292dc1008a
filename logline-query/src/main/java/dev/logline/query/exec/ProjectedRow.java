package dev.logline.query.exec;

import java.util.Set;

/** A row after {@code | fields}: only the kept fields remain visible to later stages. */
final class ProjectedRow implements Row {

    private final Row row;
    private final Set<String> kept;

    ProjectedRow(Row row, Set<String> kept) {
        this.row = row;
        this.kept = kept;
    }

    @Override
    public Object get(String field) {
        return kept.contains(field) ? row.get(field) : null;
    }

    @Override
    public Object handle() {
        return row.handle();
    }

    @Override
    public Object cell(String column) {
        return kept.contains(column) ? row.cell(column) : null;
    }
}
