package dev.logline.store.columnar.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian ints and longs in byte arrays through array views, which the JIT turns into single (unaligned)
 * loads and stores instead of eight byte accesses and shifts. Bounds are checked by the view.
 *
 * @lucene.internal
 */
public final class LittleEndian {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    public static long getLong(byte[] b, int i) {
        return (long) LONG.get(b, i);
    }

    public static int getInt(byte[] b, int i) {
        return (int) INT.get(b, i);
    }

    public static void putLong(byte[] b, int i, long v) {
        LONG.set(b, i, v);
    }

    public static void putInt(byte[] b, int i, int v) {
        INT.set(b, i, v);
    }
}
