package dev.logline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards API against a real server with keys: create, read, update, delete, list, export and import,
 * provisioned boards read-only, tenants apart, who may change what, and a bad panel query named with its column.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsApiTest {

    static final String BOARD = """
            {"title": "Shop", "time": {"last": "24h"}, "refresh": "30s",
             "variables": [{"name": "service", "field": "service", "default": null}],
             "panels": [
               {"title": "Errors by service", "query": "level:ERROR service:$service | timechart 5m count() by service",
                "view": "timechart", "options": {"stacked": true}},
               {"id": "p95", "title": "p95 latency", "query": "duration_ms:* | stats p95(duration_ms) by service",
                "view": "bars", "grid": {"x": 6, "y": 0, "w": 6, "h": 5}},
               {"title": "Errors now", "query": "level:ERROR | timechart 1m count()", "view": "single",
                "options": {"thresholds": [{"value": 0, "colour": "green"}, {"value": 5, "colour": "red"}]}},
               {"title": "Live errors", "query": "level:ERROR", "view": "logs", "options": {"limit": 20}}
             ]}
            """;

    BoardServer boards;
    Path folder;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path provisioned) throws IOException {
        folder = provisioned;
        Files.writeString(folder.resolve("shared-shop.json"), "{\"dashboard\": " + BOARD + "}");
        Files.writeString(folder.resolve("broken.json"), "{\"title\": \"x\", \"panels\": [{\"query\": \"level:(\", "
                + "\"view\": \"table\"}]}");
        Files.createDirectories(folder.resolve("alpha"));
        Files.writeString(folder.resolve("alpha").resolve("alpha-only.json"), "{\"title\": \"Alpha ops\"}");
        boards = new BoardServer(data, folder);
    }

    @AfterAll
    void stop() throws IOException {
        boards.close();
    }

    @Test
    void createReadUpdateDeleteWithVersions() {
        JsonNode created = boards.expect(201, "POST", "/api/v1/dashboards", boards.readA, BOARD);
        String id = created.get("id").asText();
        assertThat(created.get("version").asLong()).isEqualTo(1);
        assertThat(created.get("owner").asText()).isEqualTo(boards.readA.key().id());
        assertThat(created.get("editable").asBoolean()).isTrue();
        JsonNode board = created.get("dashboard");
        // Ids and places are filled in where the author left them out.
        assertThat(board.get("panels").get(0).get("id").asText()).isEqualTo("p1");
        assertThat(board.get("panels").get(0).get("grid").toString()).isEqualTo("{\"x\":0,\"y\":0,\"w\":6,\"h\":4}");
        assertThat(board.get("panels").get(1).get("grid").get("h").asInt()).isEqualTo(5);

        JsonNode read = boards.expect(200, "GET", "/api/v1/dashboards/" + id, boards.readA, null);
        assertThat(read.get("dashboard")).isEqualTo(board);

        ObjectNode renamed = board.deepCopy();
        renamed.put("title", "Shop (renamed)");
        JsonNode updated = boards.expect(200, "PUT", "/api/v1/dashboards/" + id, boards.readA,
                renamed.toString(), "If-Match", "\"1\"");
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        assertThat(updated.get("dashboard").get("title").asText()).isEqualTo("Shop (renamed)");

        // Someone else's change landed first: a change based on version 1 is refused, not applied over it.
        JsonNode stale = boards.expect(409, "PUT", "/api/v1/dashboards/" + id, boards.readA,
                "{\"version\": 1, \"dashboard\": " + board + "}");
        assertThat(stale.get("error").asText()).contains("version 2, not 1");
        assertThat(stale.get("version").asLong()).isEqualTo(2);

        assertThat(ids(boards.expect(200, "GET", "/api/v1/dashboards", boards.readA, null))).contains(id);
        boards.expect(204, "DELETE", "/api/v1/dashboards/" + id, boards.readA, null);
        assertThat(boards.expect(404, "GET", "/api/v1/dashboards/" + id, boards.readA, null).get("error").asText())
                .contains("no dashboard with id '" + id + "'");
    }

    @Test
    void anExportImportsAsAnEqualBoard() {
        String id = boards.expect(201, "POST", "/api/v1/dashboards", boards.readA, BOARD).get("id").asText();
        JsonNode export = boards.expect(200, "GET", "/api/v1/dashboards/" + id, boards.readA, null);
        // The export file as a whole (with its metadata) imports; the copy gets its own id and owner.
        JsonNode copy = boards.expect(201, "POST", "/api/v1/dashboards", boards.adminA, export.toString());
        assertThat(copy.get("id").asText()).isNotEqualTo(id);
        assertThat(copy.get("owner").asText()).isEqualTo(boards.adminA.key().id());
        assertThat(copy.get("dashboard")).isEqualTo(export.get("dashboard"));
        // As code: PUT under an id of one's choosing creates it, and the same file applied again changes nothing.
        JsonNode asCode = boards.expect(201, "PUT", "/api/v1/dashboards/shop-from-git", boards.adminA,
                export.get("dashboard").toString());
        JsonNode again = boards.expect(200, "PUT", "/api/v1/dashboards/shop-from-git", boards.adminA,
                export.get("dashboard").toString());
        assertThat(again.get("dashboard")).isEqualTo(asCode.get("dashboard")).isEqualTo(export.get("dashboard"));
    }

    @Test
    void provisionedBoardsAreListedAndReadOnly() {
        JsonNode list = boards.expect(200, "GET", "/api/v1/dashboards", boards.readA, null);
        assertThat(ids(list)).contains("shared-shop", "alpha-only");
        JsonNode shared = boards.expect(200, "GET", "/api/v1/dashboards/shared-shop", boards.adminA, null);
        assertThat(shared.get("provisioned").asBoolean()).isTrue();
        assertThat(shared.get("editable").asBoolean()).isFalse();
        assertThat(shared.get("dashboard").get("panels")).hasSize(4);
        assertThat(list.get("problems").toString()).contains("broken.json").contains("column");

        for (String method : List.of("PUT", "DELETE")) {
            // Not even an admin key changes a board whose truth is a file.
            JsonNode refused = boards.expect(403, method, "/api/v1/dashboards/shared-shop", boards.adminA,
                    method.equals("PUT") ? BOARD : null);
            assertThat(refused.get("error").asText()).contains("provisioned from shared-shop.json", "read-only",
                    "POST /api/v1/dashboards");
        }
        // A tenant's own folder is its own: bravo sees the shared board, not alpha's.
        JsonNode bravo = boards.expect(200, "GET", "/api/v1/dashboards", boards.readB, null);
        assertThat(ids(bravo)).contains("shared-shop").doesNotContain("alpha-only");
        boards.expect(404, "GET", "/api/v1/dashboards/alpha-only", boards.readB, null);
    }

    @Test
    void tenantsNeverSeeEachOthersBoards() {
        String id = boards.expect(201, "POST", "/api/v1/dashboards", boards.readA, BOARD).get("id").asText();
        assertThat(ids(boards.expect(200, "GET", "/api/v1/dashboards", boards.readB, null))).doesNotContain(id);
        boards.expect(404, "GET", "/api/v1/dashboards/" + id, boards.readB, null);
        boards.expect(404, "DELETE", "/api/v1/dashboards/" + id, boards.readB, null);
        // A PUT under the same id from bravo makes bravo's own board; alpha's stays as it was.
        boards.expect(201, "PUT", "/api/v1/dashboards/" + id, boards.readB, "{\"title\": \"bravo's\"}");
        assertThat(boards.expect(200, "GET", "/api/v1/dashboards/" + id, boards.readA, null)
                .get("dashboard").get("title").asText()).isEqualTo("Shop");
    }

    @Test
    void readOpensAndCreatesButOnlyTheOwnerOrAnAdminChanges() {
        String id = boards.expect(201, "POST", "/api/v1/dashboards", boards.readA, BOARD).get("id").asText();
        JsonNode asOther = boards.expect(200, "GET", "/api/v1/dashboards/" + id, boards.otherReadA, null);
        assertThat(asOther.get("editable").asBoolean()).isFalse();
        JsonNode refused = boards.expect(403, "PUT", "/api/v1/dashboards/" + id, boards.otherReadA, BOARD);
        assertThat(refused.get("error").asText()).contains("belongs to key " + boards.readA.key().id(),
                "only its owner or an admin key");
        boards.expect(403, "DELETE", "/api/v1/dashboards/" + id, boards.otherReadA, null);
        JsonNode byAdmin = boards.expect(200, "PUT", "/api/v1/dashboards/" + id, boards.adminA, BOARD);
        // The owner stays the creator's key when an admin edits.
        assertThat(byAdmin.get("owner").asText()).isEqualTo(boards.readA.key().id());
        // An ingest key may not even look, and no key is no access.
        boards.expect(403, "GET", "/api/v1/dashboards", boards.ingestA, null);
        boards.expect(401, "GET", "/api/v1/dashboards", null, null);
        boards.expect(204, "DELETE", "/api/v1/dashboards/" + id, boards.adminA, null);
    }

    @Test
    void aBadPanelQueryIsRefusedWithItsColumn() {
        String bad = BOARD.replace("duration_ms:* | stats p95(duration_ms) by service",
                "duration_ms:* | stats p95(duration_ms) by");
        JsonNode refused = boards.expect(400, "POST", "/api/v1/dashboards", boards.readA, bad);
        assertThat(refused.get("field").asText()).isEqualTo("panels[1].query");
        assertThat(refused.get("column").asInt()).isEqualTo(42);
        assertThat(refused.get("error").asText()).startsWith("panels[1].query: LQL syntax error at column 42");
    }

    @Test
    void boardsThatCouldNotRenderAreRefusedSayingWhy() {
        List<String[]> cases = List.of(
                new String[] {"{\"title\": \"t\", \"panels\": [{\"query\": \"* | stats count()\", \"view\": \"timechart\"}]}",
                        "panels[0].query", "needs a query ending in '| timechart"},
                new String[] {"{\"title\": \"t\", \"panels\": [{\"query\": \"* | stats count()\", \"view\": \"gauge\"}]}",
                        "panels[0].view", "is not a view"},
                new String[] {"{\"title\": \"t\", \"panels\": [{\"query\": \"a | stats count()\", \"view\": \"logs\"}]}",
                        "panels[0].query", "filter without pipes"},
                new String[] {"{\"title\": \"t\", \"panels\": [{\"query\": \"*\", \"view\": \"table\", "
                        + "\"grid\": {\"x\": 8, \"w\": 6}}]}", "panels[0].grid", "past the grid's 12 columns"},
                new String[] {"{\"title\": \"t\", \"panles\": []}", "panles", "unknown key"},
                new String[] {"{\"title\": \"t\", \"panels\": [{\"query\": \"* | stats count()\", \"view\": \"single\", "
                        + "\"options\": {\"thresholds\": [{\"value\": 1, \"colour\": \"red;background:url(x)\"}]}}]}",
                        "panels[0].options.thresholds[0].colour", "is not green"},
                new String[] {"{\"title\": \"t\", \"variables\": [{\"name\": \"a b\", \"field\": \"x\"}]}",
                        "variables[0].name", "not a variable name"},
                new String[] {"{\"title\": \"t\", \"time\": {\"last\": \"forever\"}}", "time", "not a duration"},
                new String[] {"[1, 2]", "body", "must be a JSON object"});
        for (String[] c : cases) {
            JsonNode answer = boards.expect(400, "POST", "/api/v1/dashboards", boards.readA, c[0]);
            assertThat(answer.get("field").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(answer.get("error").asText()).as(c[0]).contains(c[2]);
        }
    }

    @Test
    void idsThatAreNotPathSegmentsAreBadRequests() {
        HttpResponse<String> r = boards.call("GET", "/api/v1/dashboards/.hidden", boards.readA, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).get("error").asText()).contains("must be 1-64 of");
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
