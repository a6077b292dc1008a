package dev.logline.store.columnar.record;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Step;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.encoding.CorruptDataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event in the store's binary row form: what the write-ahead log holds and what a part is built from. Writing it
 * is a walk over the event (no JSON); the layout (little-endian, LEB128 varints) is:
 *
 * <pre>
 * ts:int64  level:u8  mask:varint
 * msg service env version host logger thread trace_id span_id tenant   (each present one: varint length + UTF-8)
 * duration_ms:float64  error  steps  attributes                         (each present one, in this order)
 * error      := mask:u8 (type message stack hash cause) then the present strings, then the cause's error
 * steps      := count:varint then (t_ms:decimal dt_ms:decimal line:varint msg:nullable-string)*
 * decimal    := scale:u8 (0..9) value*10^scale as a zig-zag varint, or 255 then float64 (not a short decimal)
 * attributes := count:varint then (key:string value)*
 * value      := tag:u8 payload   (0 null, 1 string, 2 long as zig-zag varint, 3 float64, 4 true, 5 false,
 *                                  6 object: count then (key value)*, 7 array: count then value*)
 * </pre>
 *
 * Attribute values are normalised as a JSON round trip would (integers to long, non-finite doubles to text), so what
 * comes back out equals what the JSON API would have returned.
 *
 * @lucene.internal
 */
public final class EventRecord {

    public static final int MSG = 1;
    public static final int SERVICE = 1 << 1;
    public static final int ENV = 1 << 2;
    public static final int VERSION = 1 << 3;
    public static final int HOST = 1 << 4;
    public static final int LOGGER = 1 << 5;
    public static final int THREAD = 1 << 6;
    public static final int TRACE_ID = 1 << 7;
    public static final int SPAN_ID = 1 << 8;
    public static final int TENANT = 1 << 9;
    public static final int DURATION = 1 << 10;
    public static final int ERROR = 1 << 11;
    public static final int STEPS = 1 << 12;
    public static final int ATTRIBUTES = 1 << 13;
    /** The string fields, in record order. */
    static final int STRING_FIELDS = 10;

    public static final int T_NULL = 0;
    public static final int T_STRING = 1;
    public static final int T_LONG = 2;
    public static final int T_DOUBLE = 3;
    public static final int T_TRUE = 4;
    public static final int T_FALSE = 5;
    public static final int T_OBJECT = 6;
    public static final int T_ARRAY = 7;

    private static final Level[] LEVELS = Level.values();

    private EventRecord() {
    }

    /** Appends the event's record to {@code out}. */
    public static void write(LogEvent e, ByteSink out) {
        out.writeLongLE(e.tsMicros());
        out.writeByte(e.level().ordinal());
        int mask = 0;
        String[] strings = {e.msg(), e.service(), e.env(), e.version(), e.host(), e.logger(), e.thread(),
                e.traceId(), e.spanId(), e.tenant()};
        for (int i = 0; i < STRING_FIELDS; i++) {
            if (strings[i] != null) {
                mask |= 1 << i;
            }
        }
        if (e.durationMs() != null) {
            mask |= DURATION;
        }
        if (e.error() != null) {
            mask |= ERROR;
        }
        if (!e.steps().isEmpty()) {
            mask |= STEPS;
        }
        if (!e.attributes().isEmpty()) {
            mask |= ATTRIBUTES;
        }
        out.writeVarInt(mask);
        for (String s : strings) {
            if (s != null) {
                out.writeString(s);
            }
        }
        if (e.durationMs() != null) {
            out.writeLongLE(Double.doubleToRawLongBits(e.durationMs()));
        }
        if (e.error() != null) {
            writeError(e.error(), out);
        }
        if (!e.steps().isEmpty()) {
            out.writeVarInt(e.steps().size());
            for (Step s : e.steps()) {
                writeDecimal(s.tMs(), out);
                writeDecimal(s.dtMs(), out);
                out.writeVarInt(Math.max(0, s.line()));
                out.writeNullableString(s.msg());
            }
        }
        if (!e.attributes().isEmpty()) {
            out.writeVarInt(e.attributes().size());
            for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
                out.writeString(a.getKey());
                writeValue(a.getValue(), out, 0);
            }
        }
    }

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final int RAW_DOUBLE = 255;

    /**
     * A double in as few bytes as it takes: most step times are decimals with a few places (12.345 ms is scale 3,
     * value 12345), so scale and scaled integer; anything else (and -0.0) as its 8 bytes.
     */
    static void writeDecimal(double v, ByteSink out) {
        for (int s = 0; s < POW10.length; s++) {
            double x = v * POW10[s];
            if (Math.abs(x) >= 9.0e15) {
                break;
            }
            long l = Math.round(x);
            if (Double.doubleToRawLongBits(l / POW10[s]) == Double.doubleToRawLongBits(v)) {
                out.writeByte(s);
                out.writeZigZag(l);
                return;
            }
        }
        out.writeByte(RAW_DOUBLE);
        out.writeLongLE(Double.doubleToRawLongBits(v));
    }

    static double readDecimal(ByteReader r) {
        int s = r.readByte();
        if (s == RAW_DOUBLE) {
            return Double.longBitsToDouble(r.readLongLE());
        }
        if (s >= POW10.length) {
            throw new CorruptDataException("decimal scale " + s);
        }
        return r.readZigZag() / POW10[s];
    }

    public static void writeError(ErrorInfo err, ByteSink out) {
        int mask = (err.type() != null ? 1 : 0) | (err.message() != null ? 2 : 0) | (err.stack() != null ? 4 : 0)
                | (err.hash() != null ? 8 : 0) | (err.cause() != null ? 16 : 0);
        out.writeByte(mask);
        for (String s : new String[] {err.type(), err.message(), err.stack(), err.hash()}) {
            if (s != null) {
                out.writeString(s);
            }
        }
        if (err.cause() != null) {
            writeError(err.cause(), out);
        }
    }

    /** Writes an attribute value, normalised to the types a JSON round trip yields. */
    public static void writeValue(Object v, ByteSink out, int depth) {
        if (depth > 256) {
            throw new IllegalArgumentException("attribute nested deeper than 256 levels");
        }
        if (v == null) {
            out.writeByte(T_NULL);
        } else if (v instanceof String) {
            out.writeByte(T_STRING);
            out.writeString((String) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.writeByte(T_LONG);
            out.writeZigZag(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                out.writeByte(T_DOUBLE);
                out.writeLongLE(Double.doubleToRawLongBits(d));
            } else {
                out.writeByte(T_STRING);
                out.writeString(Double.toString(d));
            }
        } else if (v instanceof Boolean) {
            out.writeByte((Boolean) v ? T_TRUE : T_FALSE);
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            out.writeByte(T_OBJECT);
            out.writeVarInt(m.size());
            for (Map.Entry<?, ?> n : m.entrySet()) {
                out.writeString(String.valueOf(n.getKey()));
                writeValue(n.getValue(), out, depth + 1);
            }
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            out.writeByte(T_ARRAY);
            out.writeVarInt(l.size());
            for (Object o : l) {
                writeValue(o, out, depth + 1);
            }
        } else if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.bitLength() < 64) {
                out.writeByte(T_LONG);
                out.writeZigZag(b.longValue());
            } else {
                // JSON carries it as a number a long cannot hold; reading JSON keeps such numbers as their text.
                out.writeByte(T_STRING);
                out.writeString(b.toString());
            }
        } else if (v instanceof BigDecimal) {
            writeValue(((BigDecimal) v).doubleValue(), out, depth);
        } else {
            out.writeByte(T_STRING);
            out.writeString(v.toString());
        }
    }

    // ---------------------------------------------------------------- reading

    /** The event time of the record at {@code off}. */
    public static long ts(byte[] b, int off) {
        return new ByteReader(b, off, 8).readLongLE();
    }

    /** The stream of the record at {@code off} ({@link #streamKey} of its service and host). */
    public static String stream(byte[] b, int off, int len) {
        ByteReader r = new ByteReader(b, off, len);
        r.skip(9);
        int mask = r.readVarInt();
        String service = null;
        String host = null;
        if ((mask & MSG) != 0) r.skipString();
        if ((mask & SERVICE) != 0) service = r.readString();
        if ((mask & ENV) != 0) r.skipString();
        if ((mask & VERSION) != 0) r.skipString();
        if ((mask & HOST) != 0) host = r.readString();
        return streamKey(service, host);
    }

    /**
     * The key rows of a part are grouped by: the service and the host, each absent ({@code -}) or present with its
     * length ({@code +<length>:<text>}), so no two streams share a key.
     */
    public static String streamKey(String service, String host) {
        StringBuilder k = new StringBuilder(24);
        for (String s : new String[] {service, host}) {
            if (s == null) {
                k.append('-');
            } else {
                k.append('+').append(s.length()).append(':').append(s);
            }
        }
        return k.toString();
    }

    /** Decodes a whole record. */
    public static LogEvent read(byte[] b, int off, int len) {
        ByteReader r = new ByteReader(b, off, len);
        LogEvent.Builder e = LogEvent.builder();
        e.tsMicros(r.readLongLE());
        int level = r.readByte();
        if (level >= LEVELS.length) {
            throw new CorruptDataException("level " + level);
        }
        e.level(LEVELS[level]);
        int mask = r.readVarInt();
        if ((mask & MSG) != 0) e.msg(r.readString());
        if ((mask & SERVICE) != 0) e.service(r.readString());
        if ((mask & ENV) != 0) e.env(r.readString());
        if ((mask & VERSION) != 0) e.version(r.readString());
        if ((mask & HOST) != 0) e.host(r.readString());
        if ((mask & LOGGER) != 0) e.logger(r.readString());
        if ((mask & THREAD) != 0) e.thread(r.readString());
        if ((mask & TRACE_ID) != 0) e.traceId(r.readString());
        if ((mask & SPAN_ID) != 0) e.spanId(r.readString());
        if ((mask & TENANT) != 0) e.tenant(r.readString());
        if ((mask & DURATION) != 0) e.durationMs(Double.longBitsToDouble(r.readLongLE()));
        if ((mask & ERROR) != 0) e.error(readError(r, 0));
        if ((mask & STEPS) != 0) e.steps(readSteps(r));
        if ((mask & ATTRIBUTES) != 0) {
            int n = r.readVarInt();
            Map<String, Object> attrs = new LinkedHashMap<>(Math.min(n, 1024) * 2);
            for (int i = 0; i < n; i++) {
                String key = r.readString();
                attrs.put(key, readValue(r, 0));
            }
            e.attributes(attrs);
        }
        return e.build();
    }

    public static ErrorInfo readError(ByteReader r, int depth) {
        if (depth > 64) {
            throw new CorruptDataException("error causes nested deeper than 64");
        }
        int mask = r.readByte();
        String type = (mask & 1) != 0 ? r.readString() : null;
        String message = (mask & 2) != 0 ? r.readString() : null;
        String stack = (mask & 4) != 0 ? r.readString() : null;
        String hash = (mask & 8) != 0 ? r.readString() : null;
        ErrorInfo cause = (mask & 16) != 0 ? readError(r, depth + 1) : null;
        return new ErrorInfo(type, message, stack, hash, cause);
    }

    public static List<Step> readSteps(ByteReader r) {
        int n = r.readVarInt();
        List<Step> steps = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            double t = readDecimal(r);
            double dt = readDecimal(r);
            int line = r.readVarInt();
            steps.add(new Step(t, dt, line, r.readNullableString()));
        }
        return steps;
    }

    /** Reads one value (as {@link #writeValue} wrote it) into the plain Java types events use. */
    public static Object readValue(ByteReader r, int depth) {
        if (depth > 256) {
            throw new CorruptDataException("value nested deeper than 256");
        }
        int tag = r.readByte();
        switch (tag) {
            case T_NULL: return null;
            case T_STRING: return r.readString();
            case T_LONG: return r.readZigZag();
            case T_DOUBLE: return Double.longBitsToDouble(r.readLongLE());
            case T_TRUE: return Boolean.TRUE;
            case T_FALSE: return Boolean.FALSE;
            case T_OBJECT: {
                int n = r.readVarInt();
                Map<String, Object> m = new LinkedHashMap<>(Math.min(n, 1024) * 2);
                for (int i = 0; i < n; i++) {
                    String k = r.readString();
                    m.put(k, readValue(r, depth + 1));
                }
                return m;
            }
            case T_ARRAY: {
                int n = r.readVarInt();
                List<Object> l = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    l.add(readValue(r, depth + 1));
                }
                return l;
            }
            default:
                throw new CorruptDataException("unknown value tag " + tag);
        }
    }
}
