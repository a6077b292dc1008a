package dev.logline.store.columnar.part;

import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.List;

/** Reads every row of a part back as events, block by block, the way a full scan does. */
final class PartRows {

    private PartRows() {
    }

    static List<LogEvent> all(Part part) {
        List<LogEvent> out = new ArrayList<>();
        for (int b = 0; b < part.index().blockCount(); b++) {
            BlockReader reader = new BlockReader(part, b);
            for (int r = 0; r < reader.rows(); r++) {
                out.add(EventAssembler.event(reader, r));
            }
        }
        return out;
    }
}
