package dev.logline.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether an index can make a deterministic automaton of a regular expression with bounded work. An index runs
 * the subset construction over the pattern's automaton and gives up past a work limit (Lucene: 10,000 × 10 state
 * visits), so a pattern such as {@code .*a.{40}}, whose deterministic form has 2⁴⁰ states, fails in the store. This
 * class runs the same construction on the pattern's Thompson automaton and stops at {@link #MAX_EFFORT} visits (a
 * third of Lucene's limit, as margin for the engines' different automata), so such a pattern is refused when the
 * query is parsed, with the reason, before any store sees it.
 *
 * <p>Only reads patterns {@link RegexSyntax} already accepted (the shared dialect, valid for {@code java.util.regex}).
 */
final class RegexComplexity {

    /** Character positions after counted repeats are expanded ({@code a{3}} is three). */
    static final int MAX_POSITIONS = 10_000;
    /** Sum of the sizes of the state sets the subset construction visits. */
    static final int MAX_EFFORT = 30_000;
    /** Character-class tests while building transitions, a bound on time even for states with many classes. */
    private static final long MAX_WORK = 5_000_000L;
    private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;
    private static final int[] ANY = {0, MAX_CODE_POINT};

    private RegexComplexity() {
    }

    /** Why the pattern is too costly for an index, or {@code null} when it is not. */
    static String check(String pattern) {
        Node ast;
        try {
            ast = new Reader(pattern).read();
        } catch (IllegalArgumentException e) {
            return null; // not a pattern of the shared dialect; RegexSyntax has said why
        }
        Automaton nfa = new Automaton();
        int[] fragment;
        try {
            fragment = nfa.build(ast);
        } catch (TooLarge e) {
            return "the regular expression expands to more than " + MAX_POSITIONS + " characters once counted "
                    + "repeats such as {n,m} are written out; use smaller counts";
        }
        nfa.accept = fragment[1];
        if (!nfa.determinizesWithin(fragment[0])) {
            return "the regular expression is too complex for the index (its deterministic form has too many "
                    + "states); avoid '.*' or '+' before a counted repeat such as '.{40}', or start with fixed text";
        }
        return null;
    }

    // ------------------------------------------------------------------ syntax tree

    /** A parsed pattern: a character set, a sequence, an alternation or a repeat. */
    private static final class Node {
        final char kind; // 'c' set, 's' sequence, 'a' alternation, 'r' repeat
        final int[] set;
        final List<Node> parts;
        final int min;
        final int max; // -1: unbounded

        Node(char kind, int[] set, List<Node> parts, int min, int max) {
            this.kind = kind;
            this.set = set;
            this.parts = parts;
            this.min = min;
            this.max = max;
        }

        static Node set(int[] ranges) {
            return new Node('c', ranges, List.of(), 0, 0);
        }
    }

    /** Reads the dialect: {@code . * + ? | ( ) [ ] [^ ] {n} {n,} {n,m}} and backslash escapes. */
    private static final class Reader {
        private final String p;
        private int pos;

        Reader(String pattern) {
            this.p = pattern;
        }

        Node read() {
            Node n = alternation();
            if (pos != p.length()) {
                throw new IllegalArgumentException("unexpected '" + p.charAt(pos) + "'");
            }
            return n;
        }

        private Node alternation() {
            List<Node> branches = new ArrayList<>();
            branches.add(sequence());
            while (pos < p.length() && p.charAt(pos) == '|') {
                pos++;
                branches.add(sequence());
            }
            return branches.size() == 1 ? branches.get(0) : new Node('a', null, branches, 0, 0);
        }

        private Node sequence() {
            List<Node> items = new ArrayList<>();
            while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
                items.add(repeat());
            }
            return items.size() == 1 ? items.get(0) : new Node('s', null, items, 0, 0);
        }

        private Node repeat() {
            Node n = atom();
            while (pos < p.length()) {
                char c = p.charAt(pos);
                if (c == '*') {
                    n = new Node('r', null, List.of(n), 0, -1);
                } else if (c == '+') {
                    n = new Node('r', null, List.of(n), 1, -1);
                } else if (c == '?') {
                    n = new Node('r', null, List.of(n), 0, 1);
                } else if (c == '{') {
                    int close = p.indexOf('}', pos);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed {");
                    }
                    String[] counts = p.substring(pos + 1, close).split(",", -1);
                    int min = count(counts[0]);
                    int max = counts.length == 1 ? min : counts[1].isEmpty() ? -1 : count(counts[1]);
                    n = new Node('r', null, List.of(n), min, max);
                    pos = close;
                } else {
                    break;
                }
                pos++;
            }
            return n;
        }

        private static int count(String digits) {
            // Counts past the position limit are refused as too large anyway; cap them so they stay ints.
            String d = digits.trim();
            if (d.isEmpty() || !d.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad count");
            }
            return d.length() > 6 ? MAX_POSITIONS + 1 : Integer.parseInt(d);
        }

        private Node atom() {
            int c = p.codePointAt(pos);
            pos += Character.charCount(c);
            switch (c) {
                case '(': {
                    Node inner = alternation();
                    if (pos >= p.length() || p.charAt(pos) != ')') {
                        throw new IllegalArgumentException("unclosed (");
                    }
                    pos++;
                    return inner;
                }
                case '[':
                    return Node.set(characterClass());
                case '.':
                    return Node.set(ANY);
                case '\\':
                    return Node.set(single(escaped()));
                default:
                    return Node.set(single(c));
            }
        }

        private int escaped() {
            if (pos >= p.length()) {
                throw new IllegalArgumentException("lone \\");
            }
            int c = p.codePointAt(pos);
            pos += Character.charCount(c);
            return c;
        }

        private int[] characterClass() {
            boolean negated = pos < p.length() && p.charAt(pos) == '^';
            if (negated) {
                pos++;
            }
            List<int[]> ranges = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (pos >= p.length()) {
                    throw new IllegalArgumentException("unclosed [");
                }
                int c = p.codePointAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                pos += Character.charCount(c);
                int lo = c == '\\' ? escaped() : c;
                int hi = lo;
                if (pos + 1 < p.length() && p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
                    pos++;
                    int h = p.codePointAt(pos);
                    pos += Character.charCount(h);
                    hi = h == '\\' ? escaped() : h;
                }
                ranges.add(new int[] {Math.min(lo, hi), Math.max(lo, hi)});
            }
            int[] merged = merge(ranges);
            return negated ? complement(merged) : merged;
        }

        private static int[] single(int c) {
            return new int[] {c, c};
        }

        private static int[] merge(List<int[]> ranges) {
            ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
            List<int[]> out = new ArrayList<>();
            for (int[] r : ranges) {
                int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && r[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    out.add(r.clone());
                }
            }
            int[] flat = new int[out.size() * 2];
            for (int i = 0; i < out.size(); i++) {
                flat[2 * i] = out.get(i)[0];
                flat[2 * i + 1] = out.get(i)[1];
            }
            return flat;
        }

        private static int[] complement(int[] ranges) {
            List<int[]> out = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < ranges.length; i += 2) {
                if (ranges[i] > next) {
                    out.add(new int[] {next, ranges[i] - 1});
                }
                next = ranges[i + 1] + 1;
            }
            if (next <= MAX_CODE_POINT) {
                out.add(new int[] {next, MAX_CODE_POINT});
            }
            return merge(out);
        }
    }

    // ------------------------------------------------------------------ automaton

    /** Signals that expanding counted repeats passed {@link #MAX_POSITIONS}. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * A Thompson automaton: a state either reads one character of its set and moves to {@code next}, or moves
     * without reading along its epsilon edges.
     */
    private static final class Automaton {
        private final List<int[]> sets = new ArrayList<>();
        private final List<Integer> next = new ArrayList<>();
        private final List<int[]> epsilon = new ArrayList<>();
        private int positions;
        int accept;

        private int state(int[] set) {
            sets.add(set);
            next.add(-1);
            epsilon.add(new int[0]);
            return sets.size() - 1;
        }

        private void link(int from, int to) {
            int[] old = epsilon.get(from);
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = to;
            epsilon.set(from, grown);
        }

        /** Builds a node as {start, end}; the end state has no edges yet. */
        int[] build(Node n) {
            switch (n.kind) {
                case 'c': {
                    if (++positions > MAX_POSITIONS) {
                        throw new TooLarge();
                    }
                    int s = state(n.set);
                    int e = state(null);
                    next.set(s, e);
                    return new int[] {s, e};
                }
                case 's': {
                    int s = state(null);
                    int end = s;
                    for (Node part : n.parts) {
                        int[] f = build(part);
                        link(end, f[0]);
                        end = f[1];
                    }
                    return new int[] {s, end};
                }
                case 'a': {
                    int s = state(null);
                    int e = state(null);
                    for (Node part : n.parts) {
                        int[] f = build(part);
                        link(s, f[0]);
                        link(f[1], e);
                    }
                    return new int[] {s, e};
                }
                default:
                    return repeat(n.parts.get(0), n.min, n.max);
            }
        }

        private int[] repeat(Node body, int min, int max) {
            if ((long) Math.max(min, max) > MAX_POSITIONS) {
                throw new TooLarge();
            }
            int s = state(null);
            int end = s;
            for (int i = 0; i < min; i++) {
                int[] f = build(body);
                link(end, f[0]);
                end = f[1];
            }
            if (max < 0) {
                int[] f = build(body);
                int e = state(null);
                link(end, f[0]);
                link(end, e);
                link(f[1], f[0]);
                link(f[1], e);
                return new int[] {s, e};
            }
            int e = state(null);
            for (int i = min; i < max; i++) {
                int[] f = build(body);
                link(end, f[0]);
                link(end, e);
                end = f[1];
            }
            link(end, e);
            return new int[] {s, e};
        }

        /** Runs the subset construction from {@code start}; {@code false} once it costs more than the limits. */
        boolean determinizesWithin(int start) {
            int[] mark = new int[sets.size()];
            int[] stamp = {0};
            Set<Key> seen = new HashSet<>();
            ArrayDeque<int[]> work = new ArrayDeque<>();
            int[] first = closure(new int[] {start}, mark, stamp);
            seen.add(new Key(first));
            work.add(first);
            long effort = 0;
            long tests = 0;
            while (!work.isEmpty()) {
                int[] states = work.poll();
                effort += states.length;
                if (effort > MAX_EFFORT) {
                    return false;
                }
                int[] bounds = boundaries(states);
                for (int b = 0; b + 1 < bounds.length; b++) {
                    int symbol = bounds[b];
                    int[] targets = new int[states.length];
                    int count = 0;
                    for (int st : states) {
                        int[] set = sets.get(st);
                        tests++;
                        if (set != null && contains(set, symbol)) {
                            targets[count++] = next.get(st);
                        }
                    }
                    if (tests > MAX_WORK) {
                        return false;
                    }
                    if (count == 0) {
                        continue;
                    }
                    int[] target = closure(Arrays.copyOf(targets, count), mark, stamp);
                    if (seen.add(new Key(target))) {
                        work.add(target);
                    }
                }
            }
            return true;
        }

        /** The points where the character sets of these states start or stop: each piece between is one symbol. */
        private int[] boundaries(int[] states) {
            List<Integer> points = new ArrayList<>();
            for (int st : states) {
                int[] set = sets.get(st);
                if (set == null) {
                    continue;
                }
                for (int i = 0; i < set.length; i += 2) {
                    points.add(set[i]);
                    points.add(set[i + 1] + 1);
                }
            }
            return points.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }

        private static boolean contains(int[] ranges, int c) {
            int lo = 0;
            int hi = ranges.length / 2 - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (c < ranges[2 * mid]) {
                    hi = mid - 1;
                } else if (c > ranges[2 * mid + 1]) {
                    lo = mid + 1;
                } else {
                    return true;
                }
            }
            return false;
        }

        /** The states reachable without reading, kept when they read a character or accept; sorted. */
        private int[] closure(int[] from, int[] mark, int[] stamp) {
            int generation = ++stamp[0];
            ArrayDeque<Integer> todo = new ArrayDeque<>();
            List<Integer> kept = new ArrayList<>();
            for (int s : from) {
                if (mark[s] != generation) {
                    mark[s] = generation;
                    todo.push(s);
                }
            }
            while (!todo.isEmpty()) {
                int s = todo.pop();
                if (sets.get(s) != null || s == accept) {
                    kept.add(s);
                }
                for (int t : epsilon.get(s)) {
                    if (mark[t] != generation) {
                        mark[t] = generation;
                        todo.push(t);
                    }
                }
            }
            return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
    }

    /** A state set as a hash key. */
    private record Key(int[] states) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(states, ((Key) o).states);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(states);
        }
    }
}
