package dev.logline.store.lucene;

/**
 * What opening the write-ahead log found: frames read back, frames re-indexed because the last Lucene commit
 * did not hold them, and damage it stepped over (corrupt frames skipped, a torn tail cut off).
 *
 * @param segments        WAL segment files read
 * @param framesRead      intact frames found
 * @param eventsReplayed  events re-indexed (not yet in a Lucene commit)
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
