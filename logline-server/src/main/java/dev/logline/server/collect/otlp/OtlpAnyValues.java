package dev.logline.server.collect.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts OTLP's typed values into the plain Java types {@link dev.logline.core.LogEvent} attributes hold. */
public final class OtlpAnyValues {

    private OtlpAnyValues() {
    }

    /**
     * string → String, int → Long, double → Double, bool → Boolean, array → List, kvlist → Map (in order),
     * bytes → base64 String (JSON has no bytes), unset → {@code null}.
     */
    public static Object toJava(AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE:
                return v.getStringValue();
            case INT_VALUE:
                return v.getIntValue();
            case DOUBLE_VALUE:
                return v.getDoubleValue();
            case BOOL_VALUE:
                return v.getBoolValue();
            case ARRAY_VALUE: {
                List<Object> list = new ArrayList<>(v.getArrayValue().getValuesCount());
                for (AnyValue item : v.getArrayValue().getValuesList()) {
                    list.add(toJava(item));
                }
                return list;
            }
            case KVLIST_VALUE:
                return toMap(v.getKvlistValue().getValuesList());
            case BYTES_VALUE:
                return Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            default:
                return null;
        }
    }

    /** Key-value pairs as an ordered map; a repeated key keeps its last value. */
    public static Map<String, Object> toMap(List<KeyValue> pairs) {
        Map<String, Object> map = new LinkedHashMap<>(pairs.size() * 2);
        for (KeyValue kv : pairs) {
            map.put(kv.getKey(), toJava(kv.getValue()));
        }
        return map;
    }
}
