package dev.logline.logback.json;

import java.util.Arrays;

/**
 * The names already used in one JSON object, so a later attribute with the same name can be renamed instead
 * of written twice. A linear scan beats hashing for the handful of attributes a log event carries, and
 * allocates nothing once the array has grown.
 */
public final class KeyRegistry {

    private String[] names = new String[16];
    private int size;

    /** Records a name; {@code false} when it was already there. */
    public boolean add(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return false;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size++] = name;
        return true;
    }

    public boolean contains(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    public void clear() {
        Arrays.fill(names, 0, size, null);
        size = 0;
    }
}
