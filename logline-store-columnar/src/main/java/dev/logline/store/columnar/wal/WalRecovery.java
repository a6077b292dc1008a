package dev.logline.store.columnar.wal;

/**
 * What opening the write-ahead log found: frames read back, events replayed because no part held them yet, and
 * damage it stepped over (corrupt frames skipped, a torn tail cut off).
 *
 * @param segments        WAL segment files read
 * @param framesRead      intact frames found
 * @param eventsReplayed  events replayed into memory (no durable part held them yet)
 * @param corruptFrames   damaged regions skipped (checksum mismatch or unreadable header)
 * @param corruptBytes    bytes in those regions
 * @param tornTailBytes   bytes cut from the end of the last segment (a write the crash interrupted)
 */
public record WalRecovery(int segments, long framesRead, long eventsReplayed, long corruptFrames, long corruptBytes,
                          long tornTailBytes) {

    static final WalRecovery NONE = new WalRecovery(0, 0, 0, 0, 0, 0);

    /** Whether recovery had to skip or cut anything. */
    public boolean foundDamage() {
        return corruptFrames > 0 || tornTailBytes > 0;
    }
}
