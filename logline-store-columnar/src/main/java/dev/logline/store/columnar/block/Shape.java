package dev.logline.store.columnar.block;

import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.CorruptDataException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one event's attributes nest and in which order, stored per row in the {@link ColumnKey#SHAPE} column (as a
 * block dictionary: most rows of a block share a few shapes). With it, the attribute map rebuilds exactly from the
 * columns, and a field path resolves to a column the same way {@code EventFields.get} walks the map.
 *
 * <pre>
 * shape  := flags:u8 entry*            flags bit 0: the event has an error object
 * entry  := 1 key                      a value in the column of this path
 *         | 2 key                      an explicit null
 *         | 3 key entry* 0             an object holding these entries
 *         | 4 key                      a top-level attribute kept whole in the REST column's object
 * key    := varint length + UTF-8
 * </pre>
 *
 * @lucene.internal
 */
public final class Shape {

    public static final int FLAG_ERROR = 1;
    static final int END = 0;
    static final int LEAF = 1;
    static final int NULL = 2;
    static final int OBJECT = 3;
    static final int REST = 4;

    /** What a shape entry is. */
    public enum NodeKind { LEAF, NULL, OBJECT, REST }

    /** A parsed shape: the attribute tree with column paths at its leaves. */
    public static final class Node {
        final int kind;
        /** The column path of a leaf. */
        final String path;
        final Map<String, Node> children;

        Node(int kind, String path, Map<String, Node> children) {
            this.kind = kind;
            this.path = path;
            this.children = children;
        }

        public NodeKind kind() {
            return switch (kind) {
                case LEAF -> NodeKind.LEAF;
                case NULL -> NodeKind.NULL;
                case OBJECT -> NodeKind.OBJECT;
                default -> NodeKind.REST;
            };
        }

        /** The column path of a leaf. */
        public String path() {
            return path;
        }

        /** The entries of an object, in order. */
        public Map<String, Node> children() {
            return children;
        }
    }

    private final int flags;
    private final Map<String, Node> root;
    private final boolean hasRest;
    private final Map<String, Resolution> resolved = new java.util.HashMap<>();

    private Shape(int flags, Map<String, Node> root, boolean hasRest) {
        this.flags = flags;
        this.root = root;
        this.hasRest = hasRest;
    }

    /** Parses a shape's bytes. */
    public static Shape parse(byte[] b, int off, int len) {
        ByteReader r = new ByteReader(b, off, len);
        int flags = r.readByte();
        boolean[] rest = new boolean[1];
        Map<String, Node> root = entries(r, "", true, rest, 0);
        return new Shape(flags, root, rest[0]);
    }

    private static Map<String, Node> entries(ByteReader r, String prefix, boolean top, boolean[] rest, int depth) {
        if (depth > 256) {
            throw new CorruptDataException("shape nested deeper than 256");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        while (r.hasRemaining()) {
            int kind = r.readByte();
            if (kind == END) {
                if (top) {
                    throw new CorruptDataException("shape: end marker at the top level");
                }
                return out;
            }
            String key = r.readString();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            switch (kind) {
                case LEAF, NULL -> out.put(key, new Node(kind, path, null));
                case OBJECT -> out.put(key, new Node(OBJECT, path, entries(r, path, false, rest, depth + 1)));
                case REST -> {
                    rest[0] = true;
                    out.put(key, new Node(REST, path, null));
                }
                default -> throw new CorruptDataException("shape: unknown entry kind " + kind);
            }
        }
        if (!top) {
            throw new CorruptDataException("shape: object not closed");
        }
        return out;
    }

    public boolean hasError() {
        return (flags & FLAG_ERROR) != 0;
    }

    /** Whether some attribute of the row lives in the REST column (field lookups then need the whole event). */
    public boolean hasRest() {
        return hasRest;
    }

    /** The top-level attribute entries, in order. */
    public Map<String, Node> root() {
        return root;
    }

    /** Where an attribute path's value comes from in rows of this shape. */
    public enum Kind {
        /** The row has no value at this path. */
        NONE,
        /** The value is in the column named by the path. */
        COLUMN,
        /** The path names a nested object. */
        OBJECT,
        /** Only the whole event can tell (the path runs into the REST column). */
        EVENT
    }

    /** How a path resolves in rows of this shape. */
    public record Resolution(Kind kind, String column) {
        static final Resolution NONE = new Resolution(Kind.NONE, null);
        static final Resolution OBJECT = new Resolution(Kind.OBJECT, null);
        static final Resolution EVENT = new Resolution(Kind.EVENT, null);
    }

    /**
     * Resolves an attribute path the way {@code EventFields.get} walks an attribute map: the whole path as a key
     * first, then every split of it into a key and a rest looked up in a nested object, left to right.
     */
    public synchronized Resolution resolve(String path) {
        Resolution r = resolved.get(path);
        if (r == null) {
            r = resolve(root, path);
            resolved.put(path, r);
        }
        return r;
    }

    private static Resolution resolve(Map<String, Node> map, String path) {
        // The top level looks the whole path up as a key first; a key holding null ends the lookup there.
        Node direct = map.get(path);
        if (direct != null) {
            return of(direct);
        }
        return walk(map, path);
    }

    /** {@code EventFields.walk}: each split into a key naming a nested object and the rest, left to right. */
    private static Resolution walk(Map<String, Node> map, String path) {
        int dot = path.indexOf('.');
        while (dot > 0) {
            Node head = map.get(path.substring(0, dot));
            if (head != null && head.kind == REST) {
                return Resolution.EVENT;
            }
            if (head != null && head.kind == OBJECT) {
                String rest = path.substring(dot + 1);
                Node v = head.children.get(rest);
                if (v != null && v.kind != NULL) {
                    return of(v);
                }
                Resolution deeper = walk(head.children, rest);
                if (deeper.kind != Kind.NONE) {
                    return deeper;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return Resolution.NONE;
    }

    private static Resolution of(Node n) {
        return switch (n.kind) {
            case LEAF -> new Resolution(Kind.COLUMN, n.path);
            case OBJECT -> Resolution.OBJECT;
            case REST -> Resolution.EVENT;
            default -> Resolution.NONE;
        };
    }
}
