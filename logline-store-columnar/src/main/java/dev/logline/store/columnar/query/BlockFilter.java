package dev.logline.store.columnar.query;

import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.WordFilter;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.block.ValueType;
import dev.logline.store.columnar.encoding.Bits;
import dev.logline.store.columnar.part.BlockReader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates a filter over the rows of one block, column-wise: each leaf decodes only its own column and tests a
 * dictionary entry once rather than each row; AND narrows the rows later leaves look at, OR skips rows already
 * matched. Gives the matching rows among a candidate set as a bit set.
 *
 * @lucene.internal
 */
final class BlockFilter {

    private final CompiledFilter compiled;
    private final BlockReader block;
    private final Map<String, FieldAccess> fields = new HashMap<>();

    BlockFilter(CompiledFilter compiled, BlockReader block) {
        this.compiled = compiled;
        this.block = block;
    }

    /** The rows of {@code candidates} that match the filter (a new bit set). */
    long[] matches(long[] candidates) {
        return eval(compiled.filter(), candidates.clone());
    }

    FieldAccess field(String name) {
        return fields.computeIfAbsent(name, n -> FieldAccess.of(block, n));
    }

    /** Evaluates {@code f} over the rows set in {@code mask}; may reuse {@code mask} as the result. */
    private long[] eval(Filter f, long[] mask) {
        if (f instanceof MatchAllFilter) {
            return mask;
        }
        if (f instanceof AndFilter and) {
            long[] m = mask;
            for (Filter child : and.filters()) {
                m = eval(child, m);
                if (Bits.isEmpty(m)) {
                    break;
                }
            }
            return m;
        }
        if (f instanceof OrFilter or) {
            long[] result = Bits.create(block.rows());
            long[] remaining = mask.clone();
            for (Filter child : or.filters()) {
                if (Bits.isEmpty(remaining)) {
                    break;
                }
                long[] hit = eval(child, remaining.clone());
                Bits.or(result, hit);
                Bits.andNot(remaining, hit);
            }
            return result;
        }
        if (f instanceof NotFilter not) {
            long[] hit = eval(not.filter(), mask.clone());
            Bits.andNot(mask, hit);
            return mask;
        }
        if (f instanceof WordFilter || f instanceof PhraseFilter) {
            return message(f, mask);
        }
        return fieldLeaf(f, mask);
    }

    private long[] message(Filter f, long[] mask) {
        ColumnVector msg = block.column(ColumnKey.MSG);
        if (msg == null) {
            Arrays.fill(mask, 0);
            return mask;
        }
        MessageMatcher m = compiled.message(f);
        byte[] data = msg.data();
        if (msg.hasDictionary()) {
            // Each distinct message is tested once.
            byte[] verdict = new byte[msg.dictionarySize()];
            for (int r = Bits.next(mask, 0); r >= 0; r = Bits.next(mask, r + 1)) {
                int code = msg.code(r);
                if (code < 0) {
                    Bits.clear(mask, r);
                    continue;
                }
                if (verdict[code] == 0) {
                    verdict[code] = (byte) (m.matches(data, msg.offset(r), msg.length(r)) ? 1 : 2);
                }
                if (verdict[code] == 2) {
                    Bits.clear(mask, r);
                }
            }
            return mask;
        }
        // Plain text lies back to back: one ASCII check for the whole block spares one per message.
        int first = Bits.next(mask, 0);
        int last = Bits.previous(mask, block.rows() - 1);
        boolean ascii = first >= 0 && msg.present(first) && msg.present(last) && MessageMatcher.isAscii(data,
                msg.offset(first), msg.offset(last) + msg.length(last) - msg.offset(first));
        for (int r = first; r >= 0; r = Bits.next(mask, r + 1)) {
            if (!msg.present(r) || !m.matches(data, msg.offset(r), msg.length(r), ascii)) {
                Bits.clear(mask, r);
            }
        }
        return mask;
    }

    private long[] fieldLeaf(Filter f, long[] mask) {
        String name = fieldName(f);
        FieldAccess access = field(name);
        Predicate<Object> test = compiled.predicate(f);
        ColumnVector c = access.column();
        if (access.isColumnOnly() && c != null && c.hasDictionary() && !(f instanceof ExistsFilter)) {
            // Test each dictionary entry once.
            byte[] verdict = new byte[c.dictionarySize()];
            boolean nullMatches = test.test(null);
            for (int r = Bits.next(mask, 0); r >= 0; r = Bits.next(mask, r + 1)) {
                boolean hit;
                if (!c.present(r)) {
                    hit = nullMatches;
                } else {
                    int code = c.code(r);
                    if (verdict[code] == 0) {
                        verdict[code] = (byte) (test.test(c.value(r)) ? 1 : 2);
                    }
                    hit = verdict[code] == 1;
                }
                if (!hit) {
                    Bits.clear(mask, r);
                }
            }
            return mask;
        }
        if (access.isColumnOnly() && c != null && f instanceof TermFilter t && !"level".equals(name)) {
            // Text equality straight on the bytes; rows of other types take the general test.
            byte[] expected = c.isHex() ? HexIds.raw(t.value(), c.hexWidth())
                    : t.value().getBytes(StandardCharsets.UTF_8);
            if (expected == null) {
                // Every row holds a lower-case hex id of one width, and the value is no such id.
                Arrays.fill(mask, 0);
                return mask;
            }
            byte[] data = c.data();
            for (int r = Bits.next(mask, 0); r >= 0; r = Bits.next(mask, r + 1)) {
                boolean hit;
                if (!c.present(r)) {
                    hit = false;
                } else if (c.type(r) == ValueType.STRING) {
                    int off = c.offset(r);
                    hit = c.length(r) == expected.length
                            && Arrays.equals(data, off, off + expected.length, expected, 0, expected.length);
                } else {
                    hit = test.test(c.value(r));
                }
                if (!hit) {
                    Bits.clear(mask, r);
                }
            }
            return mask;
        }
        for (int r = Bits.next(mask, 0); r >= 0; r = Bits.next(mask, r + 1)) {
            if (!test.test(access.value(r))) {
                Bits.clear(mask, r);
            }
        }
        return mask;
    }

    static String fieldName(Filter f) {
        if (f instanceof TermFilter t) return t.field();
        if (f instanceof PrefixFilter p) return p.field();
        if (f instanceof RegexFilter r) return r.field();
        if (f instanceof RangeFilter r) return r.field();
        if (f instanceof ExistsFilter e) return e.field();
        throw new IllegalArgumentException("unknown filter " + f);
    }
}
