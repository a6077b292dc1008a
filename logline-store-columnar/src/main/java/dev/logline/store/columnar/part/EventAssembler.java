package dev.logline.store.columnar.part;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.block.Shape;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.CorruptDataException;
import dev.logline.store.columnar.record.EventRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds the event of one row from its block's columns: the built-in fields, the error and steps, and the attribute
 * map in its original nesting and order (from the row's {@link Shape}).
 *
 * @lucene.internal
 */
public final class EventAssembler {

    private EventAssembler() {
    }

    public static LogEvent event(BlockReader b, int row) {
        b.prefetch();
        LogEvent.Builder e = LogEvent.builder();
        e.tsMicros(b.columnAt(ColumnKey.TS, row).number(row));
        String level = string(b, ColumnKey.LEVEL, row);
        e.level(level == null ? Level.INFO : Level.valueOf(level));
        e.msg(string(b, ColumnKey.MSG, row));
        e.service(string(b, ColumnKey.SERVICE, row));
        e.env(string(b, ColumnKey.ENV, row));
        e.version(string(b, ColumnKey.VERSION, row));
        e.host(string(b, ColumnKey.HOST, row));
        e.logger(string(b, ColumnKey.LOGGER, row));
        e.thread(string(b, ColumnKey.THREAD, row));
        e.traceId(string(b, ColumnKey.TRACE_ID, row));
        e.spanId(string(b, ColumnKey.SPAN_ID, row));
        e.tenant(string(b, ColumnKey.TENANT, row));
        ColumnVector duration = b.columnAt(ColumnKey.DURATION, row);
        if (duration != null && duration.present(row)) {
            e.durationMs(duration.doubleValue(row));
        }
        Shape shape = b.shape(row);
        if (shape.hasError()) {
            ColumnVector cause = b.columnAt(ColumnKey.ERROR_CAUSE, row);
            ErrorInfo c = cause != null && cause.present(row)
                    ? EventRecord.readError(new ByteReader(cause.data(), cause.offset(row), cause.length(row)), 0)
                    : null;
            e.error(new ErrorInfo(string(b, ColumnKey.ERROR_TYPE, row), string(b, ColumnKey.ERROR_MESSAGE, row),
                    string(b, ColumnKey.ERROR_STACK, row), string(b, ColumnKey.ERROR_HASH, row), c));
        }
        ColumnVector steps = b.columnAt(ColumnKey.STEPS, row);
        if (steps != null && steps.present(row)) {
            e.steps(EventRecord.readSteps(new ByteReader(steps.data(), steps.offset(row), steps.length(row))));
        }
        if (!shape.root().isEmpty()) {
            Map<String, Object> rest = null;
            if (shape.hasRest()) {
                ColumnVector r = b.columnAt(ColumnKey.REST, row);
                Object v = r == null ? null : r.value(row);
                if (!(v instanceof Map)) {
                    throw new CorruptDataException("row " + row + " has attributes in REST but no REST value");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) v;
                rest = m;
            }
            e.attributes(attributes(b, row, shape.root(), rest));
        }
        return e.build();
    }

    private static Map<String, Object> attributes(BlockReader b, int row, Map<String, Shape.Node> nodes,
                                                  Map<String, Object> rest) {
        Map<String, Object> out = new LinkedHashMap<>(nodes.size() * 2);
        for (Map.Entry<String, Shape.Node> n : nodes.entrySet()) {
            out.put(n.getKey(), valueOf(b, row, n.getKey(), n.getValue(), rest));
        }
        return out;
    }

    private static Object valueOf(BlockReader b, int row, String key, Shape.Node node, Map<String, Object> rest) {
        switch (node.kind()) {
            case LEAF: {
                ColumnVector v = b.columnAt(ColumnKey.attribute(node.path()), row);
                if (v == null || !v.present(row)) {
                    throw new CorruptDataException("row " + row + " has no value in column " + node.path());
                }
                return v.value(row);
            }
            case OBJECT:
                return attributes(b, row, node.children(), rest);
            case REST:
                return rest.get(key);
            default:
                return null;
        }
    }

    private static String string(BlockReader b, ColumnKey key, int row) {
        ColumnVector v = b.columnAt(key, row);
        return v == null ? null : v.string(row);
    }
}
