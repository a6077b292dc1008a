package dev.logline.store.columnar.block;

import dev.logline.store.columnar.encoding.BitPacking;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.CorruptDataException;
import dev.logline.store.columnar.record.EventRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One decoded column of one block: a {@link ValueType} per row, numbers in a {@code long[]} (doubles as their bits),
 * text and record bytes as slices of one array; for a dictionary column also each row's code and the dictionary.
 * Whatever the encoding on disk, the decoded form is this one, so filters, aggregations and merges read one shape.
 *
 * @lucene.internal
 */
public final class ColumnVector {

    private final ColumnKey key;
    private final int rows;
    private final byte encoding;
    final byte[] types;
    /** Per row: numbers (numeric and mixed encodings), else null. */
    long[] numbers;
    byte[] data;
    /** Per row: slices of {@link #data} (text, mixed and nested values), else null. */
    int[] offsets;
    int[] lengths;
    /** Dictionary codes per row (-1 absent), or {@code null} when the column has no dictionary. */
    int[] codes;
    /** For a hex-id column: the raw bytes per value ({@link #data} holds raw bytes, not text); else 0. */
    int hexWidth;
    /** Dictionary entries as slices of {@link #data}: offset and length per code. */
    int[] dictOffsets;
    int[] dictLengths;
    private String[] strings;

    /** For a constant column (no per-row arrays): its one value's type, number and slice. */
    private final boolean constant;
    private byte constType;
    private long constNumber;
    private int constOffset;
    private int constLength;

    private ColumnVector(ColumnKey key, int rows, byte encoding) {
        this.key = key;
        this.rows = rows;
        this.encoding = encoding;
        this.constant = encoding == ColumnEncoding.CONST;
        // A dictionary column answers types, offsets and lengths from its codes: nothing per row but the code.
        boolean dict = encoding == ColumnEncoding.DICT;
        this.types = constant || dict ? null : new byte[rows];
        boolean numeric = encoding == ColumnEncoding.LONG || encoding == ColumnEncoding.DECIMAL
                || encoding == ColumnEncoding.DOUBLE || encoding == ColumnEncoding.BOOL
                || encoding == ColumnEncoding.MIXED;
        boolean sliced = !numeric || encoding == ColumnEncoding.MIXED;
        this.numbers = constant || !numeric ? null : new long[rows];
        this.offsets = constant || dict || !sliced ? null : new int[rows];
        this.lengths = constant || dict || !sliced ? null : new int[rows];
    }

    /** Whether every row holds the same value (or every row none). */
    public boolean isConstant() {
        return constant;
    }

    public ColumnKey key() {
        return key;
    }

    public int rows() {
        return rows;
    }

    /** The {@link ColumnEncoding} the column had on disk. */
    public byte encoding() {
        return encoding;
    }

    public boolean present(int row) {
        return type(row) != ValueType.ABSENT;
    }

    public byte type(int row) {
        if (constant) {
            return constType;
        }
        if (codes != null) {
            return codes[row] < 0 ? ValueType.ABSENT : ValueType.STRING;
        }
        return types[row];
    }

    /** The number of a LONG row, or the bits of a DOUBLE row. */
    public long number(int row) {
        return constant ? constNumber : numbers[row];
    }

    public double doubleValue(int row) {
        return Double.longBitsToDouble(number(row));
    }

    public byte[] data() {
        return data;
    }

    public int offset(int row) {
        return constant ? constOffset : codes != null ? dictOffsets[codes[row]] : offsets[row];
    }

    public int length(int row) {
        return constant ? constLength : codes != null ? dictLengths[codes[row]] : lengths[row];
    }

    /** Whether the column is dictionary-coded (or constant): {@link #code}, {@link #dictionarySize} apply. */
    public boolean hasDictionary() {
        return constant || codes != null;
    }

    public int code(int row) {
        return constant ? (constType == ValueType.ABSENT ? -1 : 0) : codes[row];
    }

    public int dictionarySize() {
        return dictOffsets.length;
    }

    /** A dictionary entry's value ({@code null} when no row uses the code). */
    public Object dictionaryValue(int code) {
        if (encoding == ColumnEncoding.DICT) {
            return new String(data, dictOffsets[code], dictLengths[code], StandardCharsets.UTF_8);
        }
        if (constant) {
            return rows > 0 ? value(0) : null;
        }
        for (int r = 0; r < rows; r++) {
            if (codes[r] == code) {
                return value(r);
            }
        }
        return null;
    }

    /** The text of a STRING row ({@code null} for other rows), decoded once. */
    public String string(int row) {
        if (type(row) != ValueType.STRING) {
            return null;
        }
        if (constant) {
            if (strings == null) {
                strings = new String[] {new String(data, constOffset, constLength, StandardCharsets.UTF_8)};
            }
            return strings[0];
        }
        if (codes != null) {
            // Rows sharing a dictionary entry share its String.
            if (strings == null) {
                strings = new String[dictOffsets.length];
            }
            int code = codes[row];
            String s = strings[code];
            if (s == null) {
                s = new String(data, dictOffsets[code], dictLengths[code], StandardCharsets.UTF_8);
                strings[code] = s;
            }
            return s;
        }
        if (strings == null) {
            strings = new String[rows];
        }
        String s = strings[row];
        if (s == null) {
            s = hexWidth > 0 ? new String(hexText(row), StandardCharsets.US_ASCII)
                    : new String(data, offsets[row], lengths[row], StandardCharsets.UTF_8);
            strings[row] = s;
        }
        return s;
    }

    /** Whether {@link #data} holds raw id bytes ({@link #hexWidth()} per row) rather than text. */
    public boolean isHex() {
        return hexWidth > 0;
    }

    public int hexWidth() {
        return hexWidth;
    }

    private byte[] hexText(int row) {
        byte[] text = new byte[hexWidth * 2];
        int off = offsets[row];
        for (int k = 0; k < hexWidth; k++) {
            int b = data[off + k] & 0xFF;
            text[2 * k] = HEX[b >>> 4];
            text[2 * k + 1] = HEX[b & 15];
        }
        return text;
    }

    /** The row's value as events carry it: String, Long, Double, Boolean, a List or Map, or {@code null}. */
    public Object value(int row) {
        byte t = type(row);
        switch (t) {
            case ValueType.ABSENT: return null;
            case ValueType.STRING: return string(row);
            case ValueType.LONG: return number(row);
            case ValueType.DOUBLE: return Double.longBitsToDouble(number(row));
            case ValueType.TRUE: return Boolean.TRUE;
            case ValueType.FALSE: return Boolean.FALSE;
            case ValueType.NESTED: return EventRecord.readValue(new ByteReader(data, offset(row), length(row)), 0);
            default: throw new CorruptDataException("value type " + t);
        }
    }

    /** Copies the row's value into a block being built; returns the bytes it holds. */
    int copyTo(int row, ColumnBuilder dst, int dstRow) {
        byte t = type(row);
        if (hexWidth > 0 && t == ValueType.STRING) {
            byte[] text = hexText(row);
            dst.setBytes(dstRow, t, text, 0, text.length);
            return text.length;
        }
        if (t == ValueType.STRING || t == ValueType.NESTED) {
            dst.setBytes(dstRow, t, data, offset(row), length(row));
            return length(row);
        }
        dst.setNumber(dstRow, t, number(row));
        return 8;
    }

    // ---------------------------------------------------------------- decoding

    /** A constant column: every row holds the value (type byte + value, as {@code ColumnEncoder} wrote it). */
    public static ColumnVector constant(ColumnKey key, int rows, byte[] value) {
        ColumnVector v = new ColumnVector(key, rows, ColumnEncoding.CONST);
        ByteReader r = new ByteReader(value);
        byte t = (byte) r.readByte();
        switch (t) {
            case ValueType.STRING, ValueType.NESTED -> {
                v.constLength = r.readVarInt();
                v.data = r.readBytes(v.constLength);
            }
            case ValueType.LONG -> v.constNumber = r.readZigZag();
            case ValueType.DOUBLE -> v.constNumber = r.readLongLE();
            case ValueType.TRUE, ValueType.FALSE -> v.constNumber = t == ValueType.TRUE ? 1 : 0;
            case ValueType.ABSENT -> {
                // A column of explicit nulls only.
            }
            default -> throw new CorruptDataException("constant of type " + t);
        }
        v.constType = t;
        if (v.data == null) {
            v.data = new byte[0];
        }
        v.dictOffsets = new int[] {0};
        v.dictLengths = new int[] {v.constLength};
        return v;
    }

    /**
     * One row of a chunk (already decompressed), as a vector that answers that row's value for any row: what
     * rebuilding one event needs, without decoding the other rows.
     */
    public static ColumnVector row(ColumnKey key, byte encoding, int rows, byte[] chunk, int row) {
        ColumnVector v = new ColumnVector(key, rows, ColumnEncoding.CONST);
        v.data = chunk;
        ByteReader r = new ByteReader(chunk);
        int kind = r.readByte();
        int index = row;
        int n = rows;
        if (kind == 1) {
            int start = r.position();
            r.skip((rows + 7) / 8);
            if ((chunk[start + (row >>> 3)] & (1 << (row & 7))) == 0) {
                v.constType = ValueType.ABSENT;
                return v;
            }
            index = 0;
            n = 0;
            for (int i = 0; i < rows; i++) {
                if ((chunk[start + (i >>> 3)] & (1 << (i & 7))) != 0) {
                    if (i < row) {
                        index++;
                    }
                    n++;
                }
            }
        } else if (kind != 0) {
            throw new CorruptDataException("presence kind " + kind);
        }
        switch (encoding) {
            case ColumnEncoding.DICT -> {
                int size = r.readVarInt();
                int[] offs = new int[size];
                int[] lens = new int[size];
                for (int d = 0; d < size; d++) {
                    lens[d] = r.readVarInt();
                    offs[d] = r.position();
                    r.skip(lens[d]);
                }
                int width = BitPacking.width(size - 1);
                int code = (int) BitPacking.get(r.array(), r.position(), n, width, index);
                r.skip(BitPacking.bytes(n, width));
                if (code >= size) {
                    throw new CorruptDataException("dictionary code " + code + " of " + size);
                }
                v.slice(ValueType.STRING, offs[code], lens[code]);
            }
            case ColumnEncoding.PLAIN -> {
                int offset = 0;
                int length = 0;
                for (int i = 0; i < n; i++) {
                    int len = r.readVarInt();
                    if (i < index) {
                        offset += len;
                    } else if (i == index) {
                        length = len;
                    }
                }
                int at = r.position() + offset;
                if (at + length > chunk.length) {
                    throw new CorruptDataException("text value beyond its chunk");
                }
                v.slice(ValueType.STRING, at, length);
            }
            case ColumnEncoding.HEX -> {
                int width = r.readVarInt();
                if (width < 1 || width > 32) {
                    throw new CorruptDataException("hex width " + width);
                }
                r.skip(index * width);
                byte[] text = new byte[width * 2];
                for (int k = 0; k < width; k++) {
                    int b = r.readByte();
                    text[2 * k] = HEX[b >>> 4];
                    text[2 * k + 1] = HEX[b & 15];
                }
                v.data = text;
                v.slice(ValueType.STRING, 0, text.length);
            }
            case ColumnEncoding.LONG, ColumnEncoding.DECIMAL -> {
                int scale = encoding == ColumnEncoding.DECIMAL ? r.readByte() : -1;
                if (scale > 9) {
                    throw new CorruptDataException("decimal scale " + scale);
                }
                long value = longAt(r, n, index);
                v.constType = scale < 0 ? ValueType.LONG : ValueType.DOUBLE;
                v.constNumber = scale < 0 ? value : Double.doubleToRawLongBits(value / Math.pow(10, scale));
            }
            case ColumnEncoding.DOUBLE -> {
                r.skip(index * 8);
                v.constType = ValueType.DOUBLE;
                v.constNumber = r.readLongLE();
            }
            case ColumnEncoding.BOOL -> {
                r.skip(index);
                boolean b = r.readByte() != 0;
                v.constType = b ? ValueType.TRUE : ValueType.FALSE;
                v.constNumber = b ? 1 : 0;
            }
            case ColumnEncoding.MIXED -> {
                for (int i = 0; ; i++) {
                    byte t = (byte) r.readByte();
                    int start = r.position();
                    long number = 0;
                    int len = 0;
                    switch (t) {
                        case ValueType.STRING, ValueType.NESTED -> {
                            len = r.readVarInt();
                            start = r.position();
                            r.skip(len);
                        }
                        case ValueType.LONG -> number = r.readZigZag();
                        case ValueType.DOUBLE -> number = r.readLongLE();
                        case ValueType.TRUE -> number = 1;
                        case ValueType.FALSE -> number = 0;
                        default -> throw new CorruptDataException("value type " + t);
                    }
                    if (i == index) {
                        v.constType = t;
                        v.constNumber = number;
                        v.constOffset = start;
                        v.constLength = len;
                        break;
                    }
                }
            }
            default -> throw new CorruptDataException("unknown column encoding " + encoding);
        }
        return v;
    }

    private void slice(byte type, int offset, int length) {
        constType = type;
        constOffset = offset;
        constLength = length;
    }

    /** The value at {@code index} of a bit-packed LONG payload of {@code n} values (see {@code ColumnEncoder}). */
    private static long longAt(ByteReader r, int n, int index) {
        int mode = r.readByte();
        long[] one = new long[Math.max(1, index)];
        if (mode == 0) {
            long base = r.readZigZag();
            int width = r.readByte();
            if (width > 64) {
                throw new CorruptDataException("bit width " + width);
            }
            long[] all = new long[n];
            BitPacking.unpack(r.array(), r.position(), n, width, all);
            return base + all[index];
        }
        if (mode != 1) {
            throw new CorruptDataException("long mode " + mode);
        }
        long value = r.readZigZag();
        long minDelta = r.readZigZag();
        int width = r.readByte();
        if (width > 64) {
            throw new CorruptDataException("bit width " + width);
        }
        if (index > 0) {
            BitPacking.unpack(r.array(), r.position(), index, width, one);
            for (int i = 0; i < index; i++) {
                value += one[i] + minDelta;
            }
        }
        return value;
    }

    /** Decodes a chunk (already decompressed) of a column of {@code rows} rows. */
    public static ColumnVector decode(ColumnKey key, byte encoding, int rows, byte[] chunk) {
        ColumnVector v = new ColumnVector(key, rows, encoding);
        ByteReader r = new ByteReader(chunk);
        boolean[] present = presence(r, rows);
        int n = 0;
        for (boolean p : present) {
            n += p ? 1 : 0;
        }
        switch (encoding) {
            case ColumnEncoding.DICT -> v.dict(r, present);
            case ColumnEncoding.PLAIN -> v.plain(r, present, n);
            case ColumnEncoding.HEX -> v.hex(r, present);
            case ColumnEncoding.LONG -> v.longs(r, present, n, ValueType.LONG, -1);
            case ColumnEncoding.DECIMAL -> v.longs(r, present, n, ValueType.DOUBLE, r.readByte());
            case ColumnEncoding.DOUBLE -> {
                for (int i = 0; i < rows; i++) {
                    if (present[i]) {
                        v.types[i] = ValueType.DOUBLE;
                        v.numbers[i] = r.readLongLE();
                    }
                }
            }
            case ColumnEncoding.BOOL -> {
                for (int i = 0; i < rows; i++) {
                    if (present[i]) {
                        boolean b = r.readByte() != 0;
                        v.types[i] = b ? ValueType.TRUE : ValueType.FALSE;
                        v.numbers[i] = b ? 1 : 0;
                    }
                }
            }
            case ColumnEncoding.MIXED -> v.mixed(r, present);
            default -> throw new CorruptDataException("unknown column encoding " + encoding);
        }
        if (r.hasRemaining()) {
            throw new CorruptDataException("column " + key + ": " + r.remaining() + " bytes left after decoding");
        }
        if (v.data == null) {
            v.data = new byte[0];
        }
        return v;
    }

    private static boolean[] presence(ByteReader r, int rows) {
        boolean[] present = new boolean[rows];
        int kind = r.readByte();
        if (kind == 0) {
            Arrays.fill(present, true);
        } else if (kind == 1) {
            byte[] bitmap = r.readBytes((rows + 7) / 8);
            for (int i = 0; i < rows; i++) {
                present[i] = (bitmap[i >>> 3] & (1 << (i & 7))) != 0;
            }
        } else {
            throw new CorruptDataException("presence kind " + kind);
        }
        return present;
    }

    private void dict(ByteReader r, boolean[] present) {
        int size = r.readVarInt();
        if (size > ColumnEncoder.MAX_DICT) {
            throw new CorruptDataException("dictionary of " + size + " entries");
        }
        dictOffsets = new int[size];
        dictLengths = new int[size];
        int start = r.position();
        for (int d = 0; d < size; d++) {
            int len = r.readVarInt();
            dictOffsets[d] = r.position();
            dictLengths[d] = len;
            r.skip(len);
        }
        data = r.array();
        codes = new int[rows];
        int n = 0;
        for (boolean p : present) {
            n += p ? 1 : 0;
        }
        int width = BitPacking.width(size - 1);
        long[] packed = new long[Math.max(1, n)];
        BitPacking.unpack(r.array(), r.position(), n, width, packed);
        r.skip(BitPacking.bytes(n, width));
        int k = 0;
        for (int i = 0; i < rows; i++) {
            if (!present[i]) {
                codes[i] = -1;
                continue;
            }
            int code = (int) packed[k++];
            if (code >= size) {
                throw new CorruptDataException("dictionary code " + code + " of " + size);
            }
            codes[i] = code;
        }
        if (start < 0) {
            throw new CorruptDataException("dictionary");
        }
    }

    private void plain(ByteReader r, boolean[] present, int n) {
        int[] lens = new int[n];
        for (int i = 0; i < n; i++) {
            lens[i] = r.readVarInt();
        }
        data = r.array();
        int pos = r.position();
        int j = 0;
        for (int i = 0; i < rows; i++) {
            if (present[i]) {
                types[i] = ValueType.STRING;
                offsets[i] = pos;
                lengths[i] = lens[j];
                r.skip(lens[j]);
                pos += lens[j++];
            }
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private void hex(ByteReader r, boolean[] present) {
        int width = r.readVarInt();
        if (width < 1 || width > 32) {
            throw new CorruptDataException("hex width " + width);
        }
        hexWidth = width;
        data = r.array();
        int pos = r.position();
        for (int i = 0; i < rows; i++) {
            if (!present[i]) {
                continue;
            }
            types[i] = ValueType.STRING;
            offsets[i] = pos;
            lengths[i] = width;
            r.skip(width);
            pos += width;
        }
    }

    private void longs(ByteReader r, boolean[] present, int n, byte type, int scale) {
        if (scale > 9) {
            throw new CorruptDataException("decimal scale " + scale);
        }
        int mode = r.readByte();
        long[] values = new long[Math.max(1, n)];
        if (mode == 0) {
            long base = r.readZigZag();
            int width = r.readByte();
            checkWidth(width);
            BitPacking.unpack(r.array(), r.position(), n, width, values);
            r.skip(BitPacking.bytes(n, width));
            for (int i = 0; i < n; i++) {
                values[i] += base;
            }
        } else if (mode == 1) {
            long first = n > 0 ? r.readZigZag() : 0;
            long minDelta = n > 0 ? r.readZigZag() : 0;
            int width = n > 0 ? r.readByte() : 0;
            checkWidth(width);
            if (n > 0) {
                BitPacking.unpack(r.array(), r.position(), n - 1, width, values);
                r.skip(BitPacking.bytes(n - 1, width));
                // Prefix sums from the back: values[i] becomes the value at i.
                long prev = first;
                for (int i = 0; i < n - 1; i++) {
                    long d = values[i] + minDelta;
                    values[i] = prev;
                    prev += d;
                }
                values[n - 1] = prev;
            }
        } else {
            throw new CorruptDataException("long mode " + mode);
        }
        double pow = scale > 0 ? Math.pow(10, scale) : 1;
        int j = 0;
        for (int i = 0; i < rows; i++) {
            if (!present[i]) {
                continue;
            }
            long v = values[j++];
            types[i] = type;
            numbers[i] = scale < 0 ? v : Double.doubleToRawLongBits(v / pow);
        }
    }

    private void checkWidth(int width) {
        if (width > 64) {
            throw new CorruptDataException("bit width " + width + " in column " + key);
        }
    }

    private void mixed(ByteReader r, boolean[] present) {
        data = r.array();
        for (int i = 0; i < rows; i++) {
            if (!present[i]) {
                continue;
            }
            byte t = (byte) r.readByte();
            types[i] = t;
            switch (t) {
                case ValueType.STRING, ValueType.NESTED -> {
                    int len = r.readVarInt();
                    offsets[i] = r.position();
                    lengths[i] = len;
                    r.skip(len);
                }
                case ValueType.LONG -> numbers[i] = r.readZigZag();
                case ValueType.DOUBLE -> numbers[i] = r.readLongLE();
                case ValueType.TRUE -> numbers[i] = 1;
                case ValueType.FALSE -> numbers[i] = 0;
                default -> throw new CorruptDataException("value type " + t);
            }
        }
    }
}
