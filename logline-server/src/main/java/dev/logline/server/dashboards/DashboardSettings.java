package dev.logline.server.dashboards;

import dev.logline.server.documents.ProvisionedDocuments;

import java.nio.file.Path;

/**
 * The dashboards' settings (see {@code docs/CONFIG.md}): the folder of provisioned, read-only boards, and how many
 * panel queries of one board run at once.
 *
 * @param provisionedFolder where boards kept as files are, or {@code null} for none
 * @param panelConcurrency  the most queries of one {@code /api/v1/panels/query} request that run at once
 */
public record DashboardSettings(Path provisionedFolder, int panelConcurrency) {

    /** Panels of one board running at once by default: enough to load a board fast, few enough to share a machine. */
    public static final int DEFAULT_PANEL_CONCURRENCY = 4;

    public DashboardSettings {
        if (panelConcurrency < 1 || panelConcurrency > 64) {
            throw new IllegalArgumentException("dashboard panel concurrency must be 1..64, was " + panelConcurrency);
        }
    }

    /** No provisioned boards, {@value #DEFAULT_PANEL_CONCURRENCY} panels at once. */
    public static DashboardSettings defaults() {
        return new DashboardSettings(null, DEFAULT_PANEL_CONCURRENCY);
    }

    public DashboardSettings withProvisionedFolder(Path v) {
        return new DashboardSettings(v, panelConcurrency);
    }

    public DashboardSettings withPanelConcurrency(int v) {
        return new DashboardSettings(provisionedFolder, v);
    }

    /** The provisioned boards, or {@code null} when there is no folder. */
    public ProvisionedDocuments provisioned() {
        return provisionedFolder == null ? null : new ProvisionedDashboards(provisionedFolder);
    }
}
