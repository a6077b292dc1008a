package dev.logline.store.columnar.query;

/** What a filter can say about a block from its index alone: no row matches, some may, or every row does. */
enum Coverage {
    NONE, SOME, ALL;

    Coverage not() {
        return this == NONE ? ALL : this == ALL ? NONE : SOME;
    }

    static Coverage of(boolean every) {
        return every ? ALL : NONE;
    }
}
