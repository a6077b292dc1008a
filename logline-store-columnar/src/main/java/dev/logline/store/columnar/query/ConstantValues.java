package dev.logline.store.columnar.query;

import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What one read made of the constant columns it met, by column key and the constant's array (equal constants of a
 * part share one, see {@code PartIndex}): a count by service over 10,000 blocks decodes each service once instead
 * of building a vector and a string per block. Not thread-safe; one per query.
 */
final class ConstantValues {

    private final Map<ColumnKey, Map<byte[], Object>> byKey = new HashMap<>();

    /** The value a constant column holds in every row ({@code null} for a column of nulls). */
    Object of(ColumnKey key, byte[] constant) {
        Map<byte[], Object> values = byKey.computeIfAbsent(key, k -> new IdentityHashMap<>());
        Object v = values.get(constant);
        if (v == null && !values.containsKey(constant)) {
            v = ColumnVector.constant(key, 1, constant).value(0);
            values.put(constant, v);
        }
        return v;
    }
}
