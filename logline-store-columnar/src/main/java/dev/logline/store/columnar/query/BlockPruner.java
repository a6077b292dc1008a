package dev.logline.store.columnar.query;

import dev.logline.core.ReservedField;
import dev.logline.core.Timestamps;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import dev.logline.query.match.EventFieldLookup;
import dev.logline.store.columnar.block.ColumnEncoding;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.block.EncodedColumn;
import dev.logline.store.columnar.encoding.BloomFilter;
import dev.logline.store.columnar.part.BlockMeta;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.part.PartIndex;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides from a block's index entry alone (time range, constant values, min/max, which columns exist, bloom filters)
 * whether a filter matches none, some or all of its rows, so most blocks are skipped without reading a chunk. Always
 * safe: {@link Coverage#SOME} when unsure.
 *
 * @lucene.internal
 */
final class BlockPruner {

    private final CompiledFilter compiled;
    private final ConstantValues constants = new ConstantValues();
    /** What this query already looked up in each part: bloom sections and which fields name nested objects. */
    private final Map<Part, PartLookups> parts = new IdentityHashMap<>();

    BlockPruner(CompiledFilter compiled) {
        this.compiled = compiled;
    }

    /**
     * Whether any block of a group of a part may match, from the group filters alone: false only when a term on a
     * built-in field that the filter needs is absent from the whole group (for {@link BlockSet#candidates}).
     */
    boolean mayMatchGroup(Part part, int group) {
        return mayMatchGroup(compiled.filter(), part, group * PartIndex.GROUP_BLOCKS);
    }

    private boolean mayMatchGroup(Filter f, Part part, int firstBlock) {
        if (f instanceof AndFilter and) {
            for (Filter child : and.filters()) {
                if (!mayMatchGroup(child, part, firstBlock)) {
                    return false;
                }
            }
            return true;
        }
        if (f instanceof OrFilter or) {
            for (Filter child : or.filters()) {
                if (mayMatchGroup(child, part, firstBlock)) {
                    return true;
                }
            }
            return false;
        }
        if (f instanceof WordFilter || f instanceof PhraseFilter) {
            return !(f instanceof WordFilter w && w.prefix()) ? !groupLacksTokens(f, part, firstBlock) : true;
        }
        return !(f instanceof TermFilter t && !"level".equals(t.field()) && !"ts".equals(t.field())
                && groupExcludes(t, part, firstBlock));
    }

    /** Whether the message filters of a whole group rule out one of a word's or phrase's tokens. */
    private boolean groupLacksTokens(Filter wordOrPhrase, Part part, int firstBlock) {
        int msgKey = part.index().keyId(ColumnKey.MSG);
        long[] refs = msgKey < 0 ? null : part.groupBloomRefs(msgKey);
        int group = firstBlock / PartIndex.GROUP_BLOCKS;
        if (refs == null || refs[group] < 0 || !part.groupFiltered(msgKey, group)) {
            return false;
        }
        for (long h : compiled.tokenHashes(wordOrPhrase)) {
            if (!part.groupMayContain(msgKey, group, h)) {
                return true;
            }
        }
        return false;
    }

    Coverage coverage(Part part, int block) {
        return coverage(compiled.filter(), part, part.index().block(block), block);
    }

    /** One value looked up in one key's group filters. */
    private record GroupProbe(int keyId, long hash) {
    }

    /**
     * A term on a built-in field (whose column is the same in every block) in one part: the column's key id, the
     * value's filter hash, and each group's verdict (0 unknown, 1 may hold, 2 does not).
     */
    private static final class TermPlan {
        final int keyId;
        final long hash;
        final byte[] groups;

        TermPlan(int keyId, long hash, int groupCount) {
            this.keyId = keyId;
            this.hash = hash;
            this.groups = new byte[groupCount];
        }
    }

    /** A part's lookups made once per query rather than once per block. */
    private static final class PartLookups {
        final Part part;
        final Map<Integer, byte[]> blooms = new HashMap<>();
        final Map<Integer, long[]> bloomRefs = new HashMap<>();
        final Map<String, Boolean> objectPrefixes = new HashMap<>();
        final int restKey;

        PartLookups(Part part) {
            this.part = part;
            this.restKey = part.index().keyId(ColumnKey.REST);
        }

        /** Per (key, hash): each group's verdict, 0 unknown, 1 may hold, 2 does not. */
        final Map<GroupProbe, byte[]> groupVerdicts = new HashMap<>();
        /** Terms on built-in fields, worked out once for the part (see {@link TermPlan}). */
        final Map<Filter, TermPlan> terms = new IdentityHashMap<>();

        /**
         * Whether no block of the term's group can hold it: the group's filter says the value is absent, and every
         * block of the group that has the column at all keeps a filter of it (no constant, no untyped column the
         * filters skip). Answered once per group; a point lookup then skips whole groups of 64 blocks with one test.
         */
        boolean groupExcludes(TermPlan t, int block) {
            int group = block / PartIndex.GROUP_BLOCKS;
            byte v = t.groups[group];
            if (v == 0) {
                v = (byte) (groupLacks(t, group) ? 2 : 1);
                t.groups[group] = v;
            }
            return v == 2;
        }

        private boolean groupLacks(TermPlan t, int group) {
            return part.groupBloomRefs(t.keyId)[group] >= 0 && part.groupFiltered(t.keyId, group)
                    && !part.groupMayContain(t.keyId, group, t.hash);
        }

        /*
         * The last probe's key, value and group verdicts, and the last key's block filter table and section: a query
         * asks the same one or two of them for every block of the part, and a map lookup per block (boxing the key,
         * allocating the probe) cost more than the filter tests themselves on a point lookup over ~10,000 blocks.
         */
        private int lastKeyId = -1;
        private long lastHash;
        private byte[] lastVerdicts;
        private int lastRefsKeyId = -1;
        private long[] lastRefs;
        private byte[] lastSection;

        boolean mayContain(int block, int keyId, long hash) {
            int group = block / PartIndex.GROUP_BLOCKS;
            if (keyId != lastKeyId || hash != lastHash) {
                lastVerdicts = groupVerdicts.computeIfAbsent(new GroupProbe(keyId, hash),
                        k -> new byte[part.groupBloomRefs(keyId).length]);
                lastKeyId = keyId;
                lastHash = hash;
            }
            byte[] verdicts = lastVerdicts;
            if (verdicts[group] == 0) {
                verdicts[group] = (byte) (part.groupMayContain(keyId, group, hash) ? 1 : 2);
            }
            if (verdicts[group] == 2) {
                return false;
            }
            if (keyId != lastRefsKeyId) {
                lastRefs = bloomRefs.computeIfAbsent(keyId, part::bloomRefs);
                lastSection = null;
                lastRefsKeyId = keyId;
            }
            long ref = lastRefs[block];
            if (ref < 0) {
                return true;
            }
            if (lastSection == null) {
                lastSection = blooms.computeIfAbsent(keyId, part::bloomSection);
            }
            return BloomFilter.mayContain(lastSection, (int) (ref >>> 32), (int) ref, hash);
        }

        /** Whether some attribute column of the part is named {@code field.}something (the field may be an object). */
        boolean hasObjectPrefix(String field) {
            return objectPrefixes.computeIfAbsent(field, f -> {
                String prefix = f + ".";
                PartIndex index = part.index();
                for (int k = 0; k < index.keyCount(); k++) {
                    ColumnKey key = index.key(k);
                    if (key.isAttribute() && key.name().startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private PartLookups lookups(Part part) {
        return parts.computeIfAbsent(part, PartLookups::new);
    }

    private Coverage coverage(Filter f, Part part, BlockMeta b, int block) {
        if (f instanceof MatchAllFilter) {
            return Coverage.ALL;
        }
        if (f instanceof AndFilter and) {
            Coverage c = Coverage.ALL;
            for (Filter child : and.filters()) {
                Coverage x = coverage(child, part, b, block);
                if (x == Coverage.NONE) {
                    return Coverage.NONE;
                }
                if (x == Coverage.SOME) {
                    c = Coverage.SOME;
                }
            }
            return c;
        }
        if (f instanceof OrFilter or) {
            Coverage c = Coverage.NONE;
            for (Filter child : or.filters()) {
                Coverage x = coverage(child, part, b, block);
                if (x == Coverage.ALL) {
                    return Coverage.ALL;
                }
                if (x == Coverage.SOME) {
                    c = Coverage.SOME;
                }
            }
            return c;
        }
        if (f instanceof NotFilter not) {
            return coverage(not.filter(), part, b, block).not();
        }
        if (f instanceof WordFilter || f instanceof PhraseFilter) {
            return message(f, part, b, block);
        }
        return field(f, part, b, block);
    }

    // ---------------------------------------------------------------- words and phrases

    private Coverage message(Filter f, Part part, BlockMeta b, int block) {
        int msgKey = part.index().keyId(ColumnKey.MSG);
        int c = part.columnIndex(block, msgKey);
        if (c < 0) {
            return Coverage.NONE;
        }
        if (b.isConstant(c)) {
            ColumnVector v = ColumnVector.constant(ColumnKey.MSG, 1, b.constValue(c));
            return v.present(0) ? Coverage.of(compiled.message(f).matches(v.data(), v.offset(0), v.length(0)))
                    : Coverage.NONE;
        }
        if (f instanceof WordFilter w && w.prefix()) {
            return Coverage.SOME;
        }
        long[] hashes = compiled.tokenHashes(f);
        if (hashes.length == 0) {
            return Coverage.NONE;
        }
        PartLookups lookups = lookups(part);
        for (long h : hashes) {
            if (!lookups.mayContain(block, msgKey, h)) {
                return Coverage.NONE;
            }
        }
        return Coverage.SOME;
    }

    // ---------------------------------------------------------------- field filters

    private Coverage field(Filter f, Part part, BlockMeta b, int block) {
        String field = fieldOf(f);
        if ("ts".equals(field)) {
            return timeCoverage(f, b);
        }
        if (f instanceof TermFilter t && !"level".equals(field) && groupExcludes(t, part, block)) {
            return Coverage.NONE;
        }
        ColumnKey key = simpleColumn(field, part, block);
        if (key == null) {
            return Coverage.SOME;
        }
        int keyId = part.index().keyId(key);
        int c = part.columnIndex(block, keyId);
        if (c < 0 || b.present(c) == 0) {
            // No row has a value: the field reads as null everywhere.
            return Coverage.of(compiled.predicate(f).test(null));
        }
        if (b.isConstant(c)) {
            if (b.present(c) == b.rows()) {
                Object value = constants.of(key, b.constValue(c));
                return Coverage.of(compiled.predicate(f).test(value));
            }
            return Coverage.SOME;
        }
        if (f instanceof ExistsFilter) {
            return b.present(c) == b.rows() ? Coverage.ALL : Coverage.SOME;
        }
        byte enc = b.encoding(c);
        boolean strings = enc == ColumnEncoding.DICT || enc == ColumnEncoding.PLAIN || enc == ColumnEncoding.HEX;
        boolean numbers = enc == ColumnEncoding.LONG || enc == ColumnEncoding.DECIMAL || enc == ColumnEncoding.DOUBLE;
        if (strings && (f instanceof RangeFilter)) {
            return Coverage.NONE;
        }
        if (numbers && (f instanceof PrefixFilter || f instanceof RegexFilter)) {
            return Coverage.NONE;
        }
        if (strings && f instanceof TermFilter && !"level".equals(field) && b.hasBloom(c)) {
            return lookups(part).mayContain(block, keyId, compiled.valueHash(f)) ? Coverage.SOME : Coverage.NONE;
        }
        if (numbers && b.numeric(c) != EncodedColumn.NUMERIC_NONE) {
            return numericCoverage(f, b, c);
        }
        return Coverage.SOME;
    }

    /**
     * Whether the group of {@code block} cannot hold a term on a built-in field (see
     * {@link PartLookups#groupExcludes}); false when unsure, for attributes (their column may differ per block) and
     * for terms a missing value would match.
     */
    private boolean groupExcludes(TermFilter t, Part part, int block) {
        PartLookups lookups = lookups(part);
        TermPlan plan = lookups.terms.get(t);
        if (plan == null) {
            ReservedField reserved = ReservedField.of(t.field());
            int keyId = reserved == null || reserved == ReservedField.STEPS ? -1
                    : part.index().keyId(FieldAccess.builtinOf(reserved));
            boolean usable = keyId >= 0 && !compiled.predicate(t).test(null)
                    && part.groupBloomRefs(keyId) != null;
            plan = new TermPlan(usable ? keyId : -1, compiled.valueHash(t),
                    usable ? part.groupBloomRefs(keyId).length : 0);
            lookups.terms.put(t, plan);
        }
        return plan.keyId >= 0 && lookups.groupExcludes(plan, block);
    }

    private static String fieldOf(Filter f) {
        if (f instanceof TermFilter t) return t.field();
        if (f instanceof PrefixFilter p) return p.field();
        if (f instanceof RegexFilter r) return r.field();
        if (f instanceof RangeFilter r) return r.field();
        if (f instanceof ExistsFilter e) return e.field();
        throw new IllegalArgumentException("unknown filter " + f);
    }

    /**
     * The one column a field reads in every row of the block, or null when the index cannot tell (an attribute kept
     * whole, a path that is also an object, {@code _size}, steps, error fields mixed with attributes).
     */
    /** The one column a field reads in every row of the block (see {@link #simpleColumn}), or null. */
    ColumnKey columnFor(String field, Part part, int block) {
        return simpleColumn(field, part, block);
    }

    private ColumnKey simpleColumn(String field, Part part, int block) {
        ReservedField reserved = ReservedField.of(field);
        if (reserved == ReservedField.STEPS) {
            return null;
        }
        if (reserved != null) {
            return FieldAccess.builtinOf(reserved);
        }
        if (EventFieldLookup.SIZE_FIELD.equals(field)) {
            return null;
        }
        PartLookups lookups = lookups(part);
        if (part.columnIndex(block, lookups.restKey) >= 0 || lookups.hasObjectPrefix(field)) {
            return null;
        }
        ColumnKey attribute = compiled.attributeKey(field);
        if (field.startsWith("error.")) {
            if (part.columnIndex(block, part.index().keyId(attribute)) >= 0) {
                return null;
            }
            ColumnKey builtin = FieldAccess.errorColumn(field);
            // Without the attribute, rows without an error have no value, like rows whose error lacks this field.
            return builtin != null ? builtin : attribute;
        }
        return attribute;
    }

    private static Coverage timeCoverage(Filter f, BlockMeta b) {
        if (f instanceof ExistsFilter) {
            return Coverage.ALL;
        }
        if (f instanceof RangeFilter r) {
            // Range bounds on ts are times (a bare number is an epoch in s/ms/µs/ns by its magnitude).
            Long lo = r.lower() == null ? null : time(r.lower());
            Long hi = r.upper() == null ? null : time(r.upper());
            if ((r.lower() != null && lo == null) || (r.upper() != null && hi == null)) {
                return Coverage.NONE;
            }
            boolean aboveLo = lo == null || (r.lowerInclusive() ? b.minTs() >= lo : b.minTs() > lo);
            boolean belowHi = hi == null || (r.upperInclusive() ? b.maxTs() <= hi : b.maxTs() < hi);
            if (aboveLo && belowHi) {
                return Coverage.ALL;
            }
            boolean disjoint = (lo != null && (r.lowerInclusive() ? b.maxTs() < lo : b.maxTs() <= lo))
                    || (hi != null && (r.upperInclusive() ? b.minTs() > hi : b.minTs() >= hi));
            return disjoint ? Coverage.NONE : Coverage.SOME;
        }
        if (f instanceof TermFilter t) {
            // A term on ts compares a number with the micros, else names a time.
            Number n = NumericBound.parse(t.value());
            if (n != null) {
                Integer lo = NumericBound.compare(n, b.minTs());
                Integer hi = NumericBound.compare(n, b.maxTs());
                return lo != null && hi != null && (lo < 0 || hi > 0) ? Coverage.NONE : Coverage.SOME;
            }
            Long at = time(t.value());
            return at == null || at < b.minTs() || at > b.maxTs() ? Coverage.NONE : Coverage.SOME;
        }
        return Coverage.SOME;
    }

    private static Long time(String text) {
        try {
            return Timestamps.parseMicros(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static Coverage numericCoverage(Filter f, BlockMeta b, int c) {
        boolean longs = b.numeric(c) == EncodedColumn.NUMERIC_LONG;
        Number min = longs ? (Number) b.min(c) : (Number) Double.longBitsToDouble(b.min(c));
        Number max = longs ? (Number) b.max(c) : (Number) Double.longBitsToDouble(b.max(c));
        if (f instanceof TermFilter t) {
            Number v = NumericBound.parse(t.value());
            if (v == null) {
                // A number never equals text.
                return Coverage.NONE;
            }
            Integer belowMin = NumericBound.compare(v, min);
            Integer aboveMax = NumericBound.compare(v, max);
            return belowMin != null && aboveMax != null && (belowMin < 0 || aboveMax > 0) ? Coverage.NONE
                    : Coverage.SOME;
        }
        if (f instanceof RangeFilter r) {
            Number lo = r.lower() == null ? null : NumericBound.parse(r.lower());
            Number hi = r.upper() == null ? null : NumericBound.parse(r.upper());
            if ((r.lower() != null && lo == null) || (r.upper() != null && hi == null)) {
                return Coverage.NONE;
            }
            Integer maxVsLo = lo == null ? null : NumericBound.compare(max, lo);
            Integer minVsHi = hi == null ? null : NumericBound.compare(min, hi);
            boolean disjoint = (maxVsLo != null && (r.lowerInclusive() ? maxVsLo < 0 : maxVsLo <= 0))
                    || (minVsHi != null && (r.upperInclusive() ? minVsHi > 0 : minVsHi >= 0));
            return disjoint ? Coverage.NONE : Coverage.SOME;
        }
        return Coverage.SOME;
    }
}
