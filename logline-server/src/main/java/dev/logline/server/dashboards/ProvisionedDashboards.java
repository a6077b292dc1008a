package dev.logline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.documents.ProvisionedDocuments;
import dev.logline.server.documents.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Dashboards kept as files, as teams keep them in git (Grafana's provisioning): every {@code *.json} directly in the
 * folder is a board every tenant sees (its queries still read only the caller's tenant), and
 * {@code <folder>/<tenant>/*.json} are boards of that tenant alone. The file name without {@code .json} is the
 * board's id; its content is a dashboard or an export ({@code {"dashboard": {…}}}). Files are read on every call
 * so a deploy shows at once; a file that is not a valid board is skipped, reported in the list answer's
 * {@code problems} and logged once per change.
 */
public final class ProvisionedDashboards implements ProvisionedDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedDashboards.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids are path segments, as the document store's are. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    /** The owner shown for provisioned boards. */
    public static final String OWNER = "provisioned";

    private final Path folder;
    private final DashboardKind kind = new DashboardKind();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public ProvisionedDashboards(Path folder) {
        this.folder = folder;
    }

    /** The folder the boards are read from. */
    public Path folder() {
        return folder;
    }

    @Override
    public Snapshot load(String tenant) {
        Map<String, Provisioned> boards = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        read(folder, boards, problems);
        if (ID.matcher(tenant).matches()) {
            read(folder.resolve(tenant), boards, problems);
        }
        return new Snapshot(boards, problems);
    }

    private void read(Path dir, Map<String, Provisioned> boards, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the provisioned dashboards in " + dir + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String id = name.substring(0, name.length() - ".json".length());
            try {
                if (!ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("the file name must be 1-64 of A-Z a-z 0-9 _ . - before .json "
                            + "(it is the board's id)");
                }
                JsonNode n = JSON.readTree(f.toFile());
                ObjectNode body = n != null && n.get(kind.singular()) instanceof ObjectNode inner ? inner
                        : n instanceof ObjectNode o ? o : null;
                if (body == null) {
                    throw new IllegalArgumentException("it is not a JSON object");
                }
                boards.put(id, new Provisioned(new StoredDocument(id, 1, OWNER,
                        Files.getLastModifiedTime(f).toInstant(), kind.validate(body)), f));
            } catch (IOException | RuntimeException e) {
                String problem = "file " + f + " is skipped: " + String.valueOf(e.getMessage()).split("\n", 2)[0];
                problems.add(problem);
                if (reported.add(problem)) {
                    LOG.warn("provisioned dashboard {}", problem);
                }
            }
        }
    }
}
