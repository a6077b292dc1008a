package dev.logline.store.columnar.block;

import dev.logline.core.LogEvent;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.record.EventRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the rows of one block (one stream, time order: the caller appends them sorted) into columns: built-in
 * columns for the event model, one column per attribute path, and each row's {@link Shape}. Rows come from event
 * records (new events) or from rows of decoded blocks (merges); {@link #encode} turns the block into chunks and
 * resets the builder for the next one. Not thread-safe.
 *
 * @lucene.internal
 */
public final class BlockBuilder {

    private final int maxRows;
    private final long maxRawBytes;
    private final Map<ColumnKey, ColumnBuilder> builtins = new HashMap<>();
    private final Map<String, ColumnBuilder> attributes = new HashMap<>();
    private final List<ColumnBuilder> used = new ArrayList<>();
    private final ByteSink shape = new ByteSink(256);
    private final ByteSink attributeShape = new ByteSink(256);
    private final ByteSink rest = new ByteSink(256);
    private final ByteSink scratch = new ByteSink(1024);
    private final List<PlannedLeaf> plan = new ArrayList<>();
    private final StringBuilder path = new StringBuilder(64);
    private final ColumnBuilder ts;
    private final ColumnBuilder uid;
    private final ColumnBuilder level;
    private final ColumnBuilder[] strings;
    private final ColumnBuilder duration;
    private final ColumnBuilder[] errorStrings;
    private final ColumnBuilder errorCause;
    private final ColumnBuilder steps;
    private final ColumnBuilder shapes;
    private final ColumnBuilder restColumn;
    private int generation;
    private int rows;
    private long minTs;
    private long maxTs;
    private long rawBytes;

    /** One planned leaf write of an attribute, held until the attribute is known not to collide. */
    private record PlannedLeaf(ColumnBuilder column, byte type, long number, int off, int len, boolean isNull) {
    }

    /**
     * @param maxRows     rows a block holds at most
     * @param maxRawBytes value bytes a block holds at most (a block of huge events is cut sooner)
     */
    public BlockBuilder(int maxRows, long maxRawBytes) {
        this.maxRows = maxRows;
        this.maxRawBytes = maxRawBytes;
        ts = builtin(ColumnKey.TS);
        uid = builtin(ColumnKey.UID);
        level = builtin(ColumnKey.LEVEL);
        strings = ColumnKey.RECORD_STRINGS.stream().map(this::builtin).toArray(ColumnBuilder[]::new);
        duration = builtin(ColumnKey.DURATION);
        errorStrings = ColumnKey.ERROR_STRINGS.stream().map(this::builtin).toArray(ColumnBuilder[]::new);
        errorCause = builtin(ColumnKey.ERROR_CAUSE);
        steps = builtin(ColumnKey.STEPS);
        shapes = builtin(ColumnKey.SHAPE);
        restColumn = builtin(ColumnKey.REST);
        reset();
    }

    private ColumnBuilder builtin(ColumnKey key) {
        return builtins.computeIfAbsent(key, k -> new ColumnBuilder(k, 64));
    }

    private ColumnBuilder use(ColumnBuilder c) {
        if (c.generation != generation) {
            c.reset(Math.min(maxRows, 1024), generation);
            used.add(c);
        }
        return c;
    }

    private ColumnBuilder attribute(String path) {
        ColumnBuilder c = attributes.get(path);
        if (c == null) {
            c = new ColumnBuilder(ColumnKey.attribute(path), 64);
            attributes.put(path, c);
        }
        return use(c);
    }

    /** The column a key names, made part of this block. */
    private ColumnBuilder column(ColumnKey key) {
        return key.isAttribute() ? attribute(key.name()) : use(builtin(key));
    }

    private void reset() {
        generation++;
        used.clear();
        rows = 0;
        rawBytes = 0;
        minTs = Long.MAX_VALUE;
        maxTs = Long.MIN_VALUE;
        // Attribute columns of wide events come and go; drop idle ones so the map does not grow without bound.
        if (attributes.size() > 4096) {
            attributes.values().removeIf(c -> c.generation < generation - 16);
        }
    }

    public int rows() {
        return rows;
    }

    /** Forgets the rows gathered so far (a part being written was abandoned). */
    public void discard() {
        reset();
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Whether the block holds as much as it may; the caller encodes it before appending more. */
    public boolean isFull() {
        return rows >= maxRows || rawBytes >= maxRawBytes;
    }

    public long rawBytes() {
        return rawBytes;
    }

    /** Appends an event (through its record form), e.g. in tests. */
    public void appendEvent(LogEvent e, long uidValue) {
        scratch.clear();
        EventRecord.write(e, scratch);
        appendRecord(scratch.toByteArray(), 0, scratch.size(), uidValue);
    }

    /** Appends one event record as the next row. */
    public void appendRecord(byte[] b, int off, int len, long uidValue) {
        int row = rows;
        ByteReader r = new ByteReader(b, off, len);
        long t = r.readLongLE();
        use(ts).setNumber(row, ValueType.LONG, t);
        use(uid).setNumber(row, ValueType.LONG, uidValue);
        int lvl = r.readByte();
        byte[] name = LEVEL_NAMES[Math.min(lvl, LEVEL_NAMES.length - 1)];
        use(level).setBytes(row, ValueType.STRING, name, 0, name.length);
        int mask = r.readVarInt();
        for (int i = 0; i < strings.length; i++) {
            if ((mask & (1 << i)) != 0) {
                int n = r.readVarInt();
                use(strings[i]).setBytes(row, ValueType.STRING, b, r.position(), n);
                r.skip(n);
            }
        }
        if ((mask & EventRecord.DURATION) != 0) {
            use(duration).setNumber(row, ValueType.DOUBLE, r.readLongLE());
        }
        shape.clear();
        shape.writeByte((mask & EventRecord.ERROR) != 0 ? Shape.FLAG_ERROR : 0);
        if ((mask & EventRecord.ERROR) != 0) {
            int emask = r.readByte();
            for (int i = 0; i < 4; i++) {
                if ((emask & (1 << i)) != 0) {
                    int n = r.readVarInt();
                    use(errorStrings[i]).setBytes(row, ValueType.STRING, b, r.position(), n);
                    r.skip(n);
                }
            }
            if ((emask & 16) != 0) {
                int start = r.position();
                EventRecord.readError(r, 0);
                use(errorCause).setBytes(row, ValueType.STRING, b, start, r.position() - start);
            }
        }
        if ((mask & EventRecord.STEPS) != 0) {
            int start = r.position();
            EventRecord.readSteps(r);
            use(steps).setBytes(row, ValueType.STRING, b, start, r.position() - start);
        }
        rest.clear();
        int restCount = 0;
        if ((mask & EventRecord.ATTRIBUTES) != 0) {
            int n = r.readVarInt();
            for (int i = 0; i < n; i++) {
                int keyStart = r.position();
                String key = r.readString();
                int valueStart = r.position();
                if (!flattenTopLevel(row, key, r)) {
                    // The attribute's paths collide with an earlier attribute's: keep it whole in REST.
                    r.position(valueStart);
                    skipValue(r, 0);
                    rest.writeBytes(b, keyStart, r.position() - keyStart);
                    restCount++;
                    shape.writeByte(Shape.REST);
                    shape.writeString(key);
                }
            }
        }
        if (restCount > 0) {
            scratch.clear();
            scratch.writeByte(EventRecord.T_OBJECT);
            scratch.writeVarInt(restCount);
            scratch.writeBytes(rest.array(), 0, rest.size());
            use(restColumn).setBytes(row, ValueType.NESTED, scratch.array(), 0, scratch.size());
        }
        use(shapes).setBytes(row, ValueType.STRING, shape.array(), 0, shape.size());
        finishRow(t, len);
    }

    private static final byte[][] LEVEL_NAMES;

    static {
        dev.logline.core.Level[] levels = dev.logline.core.Level.values();
        LEVEL_NAMES = new byte[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            LEVEL_NAMES[i] = levels[i].name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private void finishRow(long t, long bytes) {
        minTs = Math.min(minTs, t);
        maxTs = Math.max(maxTs, t);
        rawBytes += bytes;
        rows++;
    }

    /**
     * Plans the columns of one top-level attribute, then writes them unless one of its paths was already used in this
     * row; returns false (nothing written) on such a collision.
     */
    private boolean flattenTopLevel(int row, String key, ByteReader r) {
        plan.clear();
        attributeShape.clear();
        path.setLength(0);
        path.append(key);
        boolean ok = planValue(row, key, r, 0);
        if (ok) {
            for (PlannedLeaf p : plan) {
                if (!p.isNull) {
                    if (p.type == ValueType.STRING || p.type == ValueType.NESTED) {
                        p.column.setBytes(row, p.type, r.array(), p.off, p.len);
                    } else {
                        p.column.setNumber(row, p.type, p.number);
                    }
                }
            }
            shape.writeBytes(attributeShape.array(), 0, attributeShape.size());
            return true;
        }
        for (PlannedLeaf p : plan) {
            if (p.column.lastTouchedRow == row) {
                p.column.lastTouchedRow = -1;
            }
        }
        return false;
    }

    /** Plans the value at the reader under the current {@link #path}; false when a path collides. */
    private boolean planValue(int row, String key, ByteReader r, int depth) {
        int valueStart = r.position();
        int tag = r.readByte();
        if (tag == EventRecord.T_OBJECT) {
            int n = r.readVarInt();
            if (n > 0) {
                attributeShape.writeByte(Shape.OBJECT);
                attributeShape.writeString(key);
                int pathLength = path.length();
                for (int i = 0; i < n; i++) {
                    String child = r.readString();
                    path.setLength(pathLength);
                    path.append('.').append(child);
                    if (!planValue(row, child, r, depth + 1)) {
                        return false;
                    }
                }
                path.setLength(pathLength);
                attributeShape.writeByte(Shape.END);
                return true;
            }
        }
        ColumnBuilder c = attribute(path.toString());
        if (c.lastTouchedRow == row) {
            return false;
        }
        c.lastTouchedRow = row;
        attributeShape.writeByte(tag == EventRecord.T_NULL ? Shape.NULL : Shape.LEAF);
        attributeShape.writeString(key);
        switch (tag) {
            case EventRecord.T_NULL -> plan.add(new PlannedLeaf(c, ValueType.ABSENT, 0, 0, 0, true));
            case EventRecord.T_STRING -> {
                int n = r.readVarInt();
                plan.add(new PlannedLeaf(c, ValueType.STRING, 0, r.position(), n, false));
                r.skip(n);
            }
            case EventRecord.T_LONG -> plan.add(new PlannedLeaf(c, ValueType.LONG, r.readZigZag(), 0, 0, false));
            case EventRecord.T_DOUBLE -> plan.add(new PlannedLeaf(c, ValueType.DOUBLE, r.readLongLE(), 0, 0, false));
            case EventRecord.T_TRUE -> plan.add(new PlannedLeaf(c, ValueType.TRUE, 1, 0, 0, false));
            case EventRecord.T_FALSE -> plan.add(new PlannedLeaf(c, ValueType.FALSE, 0, 0, 0, false));
            case EventRecord.T_OBJECT, EventRecord.T_ARRAY -> {
                // Lists and empty objects are kept whole, as the record value they are.
                r.position(valueStart);
                skipValue(r, depth);
                plan.add(new PlannedLeaf(c, ValueType.NESTED, 0, valueStart, r.position() - valueStart, false));
            }
            default -> throw new dev.logline.store.columnar.encoding.CorruptDataException("value tag " + tag);
        }
        return true;
    }

    private static void skipValue(ByteReader r, int depth) {
        EventRecord.readValue(r, depth);
    }

    /**
     * Appends row {@code row} of a decoded block as the next row, column by column (merges): no event is rebuilt and
     * no value re-parsed.
     */
    public void appendRow(BlockColumns src, int row) {
        if (src != copySource || generation != copyGeneration) {
            // Resolve the source's columns to this block's builders once per source block and block built.
            copyColumns = src.all().toArray(new ColumnVector[0]);
            copyTargets = new ColumnBuilder[copyColumns.length];
            for (int i = 0; i < copyColumns.length; i++) {
                // Every column joins the block, valued or not: a column of explicit nulls must survive merges.
                copyTargets[i] = column(copyColumns[i].key());
            }
            copySource = src;
            copyGeneration = generation;
        }
        int dst = rows;
        long t = 0;
        for (int i = 0; i < copyColumns.length; i++) {
            ColumnVector v = copyColumns[i];
            if (!v.present(row)) {
                continue;
            }
            ColumnBuilder c = copyTargets[i];
            rawBytes += v.copyTo(row, c, dst);
            if (c == ts) {
                t = c.numbers[dst];
            }
        }
        finishRow(t, 0);
    }

    private BlockColumns copySource;
    private int copyGeneration = -1;
    private ColumnVector[] copyColumns;
    private ColumnBuilder[] copyTargets;

    /** Encodes the block's columns (sorted by key) and resets the builder; {@code null} when it holds no rows. */
    public EncodedBlock encode(ColumnEncoder encoder) {
        if (rows == 0) {
            return null;
        }
        List<ColumnBuilder> columns = new ArrayList<>(used);
        columns.sort((a, b) -> a.key.compareTo(b.key));
        List<EncodedColumn> encoded = new ArrayList<>(columns.size());
        for (ColumnBuilder c : columns) {
            EncodedColumn e = encoder.encode(c, rows);
            if (e != null) {
                encoded.add(e);
            }
        }
        EncodedBlock block = new EncodedBlock(rows, minTs, maxTs, rawBytes, encoded);
        reset();
        return block;
    }
}
