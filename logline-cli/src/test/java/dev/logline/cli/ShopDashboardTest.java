package dev.logline.cli;

import dev.logline.demo.ShopDashboards;
import dev.logline.server.dashboards.ProvisionedDashboards;
import dev.logline.server.documents.ProvisionedDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's shop board is a valid board as the server provisions it, and `--dashboards` must name a folder. */
class ShopDashboardTest {

    @Test
    void theDemosShopBoardProvisionsWithEveryPanel(@TempDir Path dir) {
        ProvisionedDocuments.Snapshot s = new ProvisionedDashboards(ShopDashboards.copyTo(dir)).load("default");
        assertThat(s.problems()).isEmpty();
        assertThat(s.documents()).containsOnlyKeys("shop");
        var board = s.documents().get("shop").document().body();
        assertThat(board.get("panels").findValuesAsText("view"))
                .containsExactly("timechart", "bars", "single", "timechart", "pie", "logs");
        assertThat(board.get("variables").get(0).get("name").asText()).isEqualTo("service");
    }

    @Test
    void dashboardsMustBeAFolder(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("server", "--port", "0", "--data", dir.resolve("data").toString(),
                        "--dashboards", dir.resolve("missing").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--dashboards", "is not a folder");
    }
}
