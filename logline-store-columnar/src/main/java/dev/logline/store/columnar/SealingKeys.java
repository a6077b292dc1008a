package dev.logline.store.columnar;

import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.StoreKeyException;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.part.PartFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which keys seal the store's parts. Partitions open on demand, long after startup; checking every part's key when the
 * store opens turns a missing key into a refusal to start, with the keys to add, instead of failed queries later. The
 * count per key also tells an operator when a retired key seals nothing any more and can be removed.
 */
final class SealingKeys {

    private static final System.Logger LOG = System.getLogger(SealingKeys.class.getName());

    private SealingKeys() {
    }

    /** Part files per key id under {@code tenantsDir}; "" counts plain parts. Damaged files are left out. */
    static Map<String, Integer> partsByKey(Path tenantsDir) throws IOException {
        Map<String, Integer> byKey = new TreeMap<>();
        if (!Files.isDirectory(tenantsDir)) {
            return byKey;
        }
        try (Stream<Path> files = Files.walk(tenantsDir, 3)) {
            for (Path f : files.filter(p -> PartFiles.idOf(p.getFileName().toString()) >= 0).toList()) {
                String key = Part.sealingKeyOf(f);
                if (key != null) {
                    byKey.merge(key, 1, Integer::sum);
                }
            }
        }
        return byKey;
    }

    /**
     * Refuses a store whose parts need keys {@code encryption} lacks, and logs which keys seal how many parts.
     *
     * @throws StoreKeyException naming every missing key
     */
    static void check(Path tenantsDir, AtRestEncryption encryption) throws IOException {
        Map<String, Integer> byKey = partsByKey(tenantsDir);
        Map<String, Integer> missing = new TreeMap<>();
        byKey.forEach((key, parts) -> {
            if (!encryption.canOpen(key)) {
                missing.put(key, parts);
            }
        });
        if (!missing.isEmpty()) {
            StringBuilder which = new StringBuilder();
            missing.forEach((key, parts) -> which.append(which.length() == 0 ? "" : ", ").append('\'').append(key)
                    .append("' (").append(parts).append(parts == 1 ? " part)" : " parts)"));
            throw new StoreKeyException("parts are encrypted with keys the store was not given: " + which
                    + " (encryption: " + encryption.describe() + "); give it those keys after the active one",
                    missing.keySet().iterator().next());
        }
        if (encryption.enabled() || byKey.size() > 1) {
            LOG.log(System.Logger.Level.INFO, "store encryption {0}; parts per key (\"\" = plain): {1}",
                    encryption.describe(), byKey);
        }
    }
}
