package dev.logline.core.fuzz;

import java.util.Arrays;
import java.util.List;

/**
 * One change to an input, the way coverage-less fuzzers damage real samples: a flipped bit, a byte set to a value
 * parsers care about, a range deleted, duplicated or cut off, bytes inserted, or a piece of another sample spliced in.
 * Positions and lengths are taken modulo the input's size, so every mutation applies to any input and shrinks
 * towards the start of it.
 *
 * @param kind   what is done
 * @param at     where (modulo the length)
 * @param span   how many bytes it touches (modulo a small bound)
 * @param value  the byte written or the bit flipped
 * @param donor  the sample spliced in (modulo the number of samples)
 */
public record Mutation(Kind kind, int at, int span, int value, int donor) {

    /** The kinds of change. */
    public enum Kind { FLIP_BIT, SET_BYTE, DELETE, INSERT, DUPLICATE, TRUNCATE, SPLICE }

    /** Bytes that end, open, quote or escape something in the formats we read, and the integer boundaries. */
    static final byte[] INTERESTING = {
        0, 1, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xEF, '\n', '\r', ' ', '"', '\\', '{', '}',
        '[', ']', ':', ',', '<', '>', '-', '0', '9', '|', '(', ')', '*', '/', '=', 'E', '.'
    };

    /** This mutation applied to {@code input}; {@code samples} are the splice donors. */
    public byte[] apply(byte[] input, List<byte[]> samples) {
        int n = input.length;
        int pos = n == 0 ? 0 : Math.floorMod(at, n);
        int len = 1 + Math.floorMod(span, 64);
        byte v = INTERESTING[Math.floorMod(value, INTERESTING.length)];
        return switch (kind) {
            case FLIP_BIT -> {
                if (n == 0) {
                    yield input;
                }
                byte[] out = input.clone();
                out[pos] ^= (byte) (1 << Math.floorMod(value, 8));
                yield out;
            }
            case SET_BYTE -> {
                if (n == 0) {
                    yield new byte[] {v};
                }
                byte[] out = input.clone();
                out[pos] = v;
                yield out;
            }
            case DELETE -> cut(input, pos, Math.min(len, n - pos));
            case INSERT -> {
                byte[] ins = new byte[len];
                Arrays.fill(ins, v);
                yield insert(input, pos, ins);
            }
            case DUPLICATE -> insert(input, pos, Arrays.copyOfRange(input, pos, Math.min(n, pos + len)));
            case TRUNCATE -> Arrays.copyOf(input, pos);
            case SPLICE -> {
                if (samples.isEmpty()) {
                    yield input;
                }
                byte[] other = samples.get(Math.floorMod(donor, samples.size()));
                int from = other.length == 0 ? 0 : Math.floorMod(value, other.length);
                yield insert(input, pos, Arrays.copyOfRange(other, from, Math.min(other.length, from + len)));
            }
        };
    }

    private static byte[] cut(byte[] input, int pos, int len) {
        byte[] out = new byte[input.length - len];
        System.arraycopy(input, 0, out, 0, pos);
        System.arraycopy(input, pos + len, out, pos, input.length - pos - len);
        return out;
    }

    private static byte[] insert(byte[] input, int pos, byte[] ins) {
        byte[] out = new byte[input.length + ins.length];
        System.arraycopy(input, 0, out, 0, pos);
        System.arraycopy(ins, 0, out, pos, ins.length);
        System.arraycopy(input, pos, out, pos + ins.length, input.length - pos);
        return out;
    }
}
