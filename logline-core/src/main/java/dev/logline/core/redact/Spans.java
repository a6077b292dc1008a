package dev.logline.core.redact;

import java.util.Arrays;

/**
 * The spans of one text that rules matched, each with its rule; {@link #merge()} orders them and joins those that
 * overlap (the stronger action wins). Made only when a text has something to redact.
 */
final class Spans {

    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private SpanRule[] rules = new SpanRule[4];
    private int size;

    void add(int start, int end, SpanRule rule) {
        if (end <= start) {
            return;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            rules = Arrays.copyOf(rules, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        rules[size] = rule;
        size++;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    SpanRule rule(int i) {
        return rules[i];
    }

    /** Sorts by start and joins overlapping spans; a joined span keeps the first rule unless another is stronger. */
    void merge() {
        // Insertion sort: a text rarely has more than a handful of spans.
        for (int i = 1; i < size; i++) {
            int s = starts[i];
            int e = ends[i];
            SpanRule r = rules[i];
            int j = i - 1;
            while (j >= 0 && starts[j] > s) {
                starts[j + 1] = starts[j];
                ends[j + 1] = ends[j];
                rules[j + 1] = rules[j];
                j--;
            }
            starts[j + 1] = s;
            ends[j + 1] = e;
            rules[j + 1] = r;
        }
        int out = 0;
        for (int i = 0; i < size; i++) {
            if (out > 0 && starts[i] < ends[out - 1]) {
                ends[out - 1] = Math.max(ends[out - 1], ends[i]);
                if (rules[i].action().ordinal() > rules[out - 1].action().ordinal()) {
                    rules[out - 1] = rules[i];
                }
                continue;
            }
            starts[out] = starts[i];
            ends[out] = ends[i];
            rules[out] = rules[i];
            out++;
        }
        size = out;
    }

    /** Whether any span's action is {@link RedactAction#DROP}. */
    boolean drops() {
        for (int i = 0; i < size; i++) {
            if (rules[i].action() == RedactAction.DROP) {
                return true;
            }
        }
        return false;
    }
}
