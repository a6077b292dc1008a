package dev.logline.server.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DocumentStore store;

    @BeforeEach
    void open() {
        store = DocumentStore.at(dir, Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));
    }

    private static ObjectNode body(String name) {
        return JSON.createObjectNode().put("name", name);
    }

    @Test
    void createGetListUpdateDeleteWithVersions() {
        StoredDocument a = store.create("t1", "dashboards", "alice", body("a"));
        assertThat(a.version()).isEqualTo(1);
        assertThat(a.id()).matches("[0-9a-f]{16}");
        StoredDocument b = store.create("t1", "dashboards", "bob", body("b"));
        assertThat(store.list("t1", "dashboards")).extracting(StoredDocument::id)
                .containsExactlyInAnyOrder(a.id(), b.id());

        StoredDocument a2 = store.put("t1", "dashboards", a.id(), "carol", body("a2"), 1);
        assertThat(a2.version()).isEqualTo(2);
        assertThat(a2.owner()).as("the creator stays the owner").isEqualTo("alice");
        assertThat(store.get("t1", "dashboards", a.id()).orElseThrow().body().get("name").asText()).isEqualTo("a2");

        assertThatThrownBy(() -> store.put("t1", "dashboards", a.id(), "bob", body("stale"), 1))
                .isInstanceOf(VersionConflictException.class).hasMessageContaining("version 2, not 1");
        assertThat(store.put("t1", "dashboards", a.id(), "bob", body("forced"), DocumentStore.ANY_VERSION).version())
                .isEqualTo(3);

        assertThat(store.delete("t1", "dashboards", a.id())).isTrue();
        assertThat(store.delete("t1", "dashboards", a.id())).isFalse();
        assertThat(store.get("t1", "dashboards", a.id())).isEmpty();
    }

    @Test
    void tenantsAndKindsAreApartAndDocumentsSurviveANewInstance() throws Exception {
        Path root = dir.resolve("docs");
        DocumentStore first = DocumentStore.at(root, Clock.systemUTC());
        StoredDocument d = first.put("t1", "searches", "errors", "alice", body("errors"), 0);
        assertThat(first.get("t2", "searches", "errors")).isEmpty();
        assertThat(first.list("t1", "dashboards")).isEmpty();

        DocumentStore second = DocumentStore.at(root, Clock.systemUTC());
        assertThat(second.get("t1", "searches", "errors")).contains(d);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() {
        assertThatThrownBy(() -> store.get("../t", "searches", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant '../t'");
        assertThatThrownBy(() -> store.put("t", "searches", "a/b", "", body("x"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 'a/b'");
    }
}
