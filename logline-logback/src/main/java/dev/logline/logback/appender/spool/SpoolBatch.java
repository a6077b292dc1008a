package dev.logline.logback.appender.spool;

import java.util.List;

/**
 * Events read from the spool and not yet committed: {@link DiskSpool#commit(SpoolBatch)} once they were delivered
 * (or deliberately dropped); until then a restart replays them.
 *
 * @param lines     the events' JSON lines, oldest first
 * @param segment   the number of the segment file they came from
 * @param endOffset the offset just past the last frame read
 * @param exhausted whether the segment has nothing after {@code endOffset}, so committing deletes it
 */
public record SpoolBatch(List<byte[]> lines, long segment, int endOffset, boolean exhausted) {

    public SpoolBatch {
        lines = List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
