package dev.logline.ml.drift;

import java.util.Arrays;

/**
 * The latest values of one feature (a sliding window of at most {@code capacity}), numbers or category names,
 * whichever the feature's baseline compares. Thread-safe; {@link #numbers()} and {@link #categories()} copy.
 */
public final class FeatureWindow {

    private final double[] numbers;
    private final String[] categories;
    private int next;
    private int size;

    private FeatureWindow(double[] numbers, String[] categories) {
        this.numbers = numbers;
        this.categories = categories;
    }

    static FeatureWindow numeric(int capacity) {
        return new FeatureWindow(new double[capacity], null);
    }

    static FeatureWindow categorical(int capacity) {
        return new FeatureWindow(null, new String[capacity]);
    }

    /** A window holding exactly {@code values} (a reference window, or a test's sample). */
    public static FeatureWindow ofNumbers(double... values) {
        FeatureWindow w = numeric(Math.max(1, values.length));
        for (double v : values) {
            w.add(v);
        }
        return w;
    }

    /** A window holding exactly {@code values}. */
    public static FeatureWindow ofCategories(String... values) {
        FeatureWindow w = categorical(Math.max(1, values.length));
        for (String v : values) {
            w.add(v);
        }
        return w;
    }

    synchronized void add(double v) {
        numbers[next] = v;
        advance(numbers.length);
    }

    synchronized void add(String v) {
        categories[next] = v;
        advance(categories.length);
    }

    private void advance(int capacity) {
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    public synchronized int size() {
        return size;
    }

    /** The numbers in the window, oldest first. */
    public synchronized double[] numbers() {
        double[] out = new double[size];
        int start = (next - size + numbers.length) % numbers.length;
        for (int i = 0; i < size; i++) {
            out[i] = numbers[(start + i) % numbers.length];
        }
        return out;
    }

    /** The category names in the window, oldest first. */
    public synchronized String[] categories() {
        String[] out = new String[size];
        int start = (next - size + categories.length) % categories.length;
        for (int i = 0; i < size; i++) {
            out[i] = categories[(start + i) % categories.length];
        }
        return out;
    }

    boolean isNumeric() {
        return numbers != null;
    }

    @Override
    public synchronized String toString() {
        return "FeatureWindow" + (numbers != null ? Arrays.toString(numbers()) : Arrays.toString(categories()));
    }
}
