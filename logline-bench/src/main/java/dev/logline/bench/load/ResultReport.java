package dev.logline.bench.load;

import java.util.Locale;

/**
 * The results as Markdown, ours beside OpenSearch with the ratio and the target from DESIGN.md, ready to paste
 * into docs/BENCHMARKS.md.
 */
final class ResultReport {

    private ResultReport() {
    }

    static String markdown(String setup, SystemResult ours, SystemResult peer) {
        StringBuilder md = new StringBuilder();
        md.append(setup).append("\n\n");
        md.append("| measure | ").append(ours.name()).append(" | ").append(peer.name())
                .append(" | ratio (ours ÷ peer) | target | met |\n|---|---:|---:|---:|---|---|\n");
        double ackedRatio = ours.load().eventsPerSecond() / peer.load().eventsPerSecond();
        double searchRatio = ours.searchableEventsPerSecond() / peer.searchableEventsPerSecond();
        row(md, "ingest, events/s until acknowledged", f0(ours.load().eventsPerSecond()),
                f0(peer.load().eventsPerSecond()), x(ackedRatio), "", "");
        row(md, "ingest, events/s until searchable", f0(ours.searchableEventsPerSecond()),
                f0(peer.searchableEventsPerSecond()), x(searchRatio), "≥ 5×", met(searchRatio >= 5));
        double cpuRatio = ours.cpuMicrosPerEvent() / peer.cpuMicrosPerEvent();
        row(md, "server CPU during ingest, s", f1(ours.ingestCpu().toMillis() / 1e3), f1(peer.ingestCpu().toMillis() / 1e3),
                "", "", "");
        row(md, "server CPU per event, µs", f1(ours.cpuMicrosPerEvent()), f1(peer.cpuMicrosPerEvent()), x(cpuRatio), "", "");
        double diskRatio = ours.diskBytesPerEvent() / peer.diskBytesPerEvent();
        row(md, "disk per event after final commit, bytes", f1(ours.diskBytesPerEvent()), f1(peer.diskBytesPerEvent()),
                x(diskRatio), "≤ 0.33×", met(diskRatio <= 1.0 / 3));
        row(md, "disk total, MB", f1(ours.diskBytes() / 1e6), f1(peer.diskBytes() / 1e6), "", "", "");
        row(md, "final commit / force-merge, s", f1(ours.finishTime().toMillis() / 1e3),
                f1(peer.finishTime().toMillis() / 1e3), "", "", "");
        row(md, "startup, s", f1(ours.startup().toMillis() / 1e3), f1(peer.startup().toMillis() / 1e3), "", "", "");
        if (ours.peakRssBytes() > 0 && peer.peakRssBytes() > 0) {
            double rssRatio = (double) ours.peakRssBytes() / peer.peakRssBytes();
            row(md, "server peak RSS, MB", f1(ours.peakRssBytes() / 1e6), f1(peer.peakRssBytes() / 1e6), x(rssRatio),
                    "≤ 0.25×", met(rssRatio <= 0.25));
        }
        row(md, "events acknowledged / rejected", ours.load().events() + " / " + ours.load().failed(),
                peer.load().events() + " / " + peer.load().failed(), "", "", "");
        row(md, "requests retried after 429/503", String.valueOf(ours.load().retries()),
                String.valueOf(peer.load().retries()), "", "", "");

        md.append("\n| query | ").append(ours.name()).append(" p50 / p99 ms | ").append(peer.name())
                .append(" p50 / p99 ms | p50 ours ÷ peer | runs | answers (ours · peer) | target |\n|---|---:|---:|---:|---|---|---|\n");
        for (int i = 0; i < ours.queries().size(); i++) {
            QueryTimer.Timing o = ours.queries().get(i);
            QueryTimer.Timing p = peer.queries().get(i);
            boolean trace = o.name().startsWith("trace lookup");
            md.append("| ").append(o.name()).append(" | ").append(f1(o.p50Ms())).append(" / ").append(f1(o.p99Ms()))
                    .append(" | ").append(f1(p.p50Ms())).append(" / ").append(f1(p.p99Ms()))
                    .append(" | ").append(x(o.p50Ms() / p.p50Ms()))
                    .append(" | ").append(o.runs()).append(" · ").append(p.runs())
                    .append(" | ").append(o.answer()).append(" · ").append(p.answer())
                    .append(" | ").append(trace ? "p50 ≤ 10 ms: " + met(o.p50Ms() <= 10) : "")
                    .append(" |\n");
        }
        return md.toString();
    }

    /** One system alone (when the peer was skipped). */
    static String markdown(String setup, SystemResult only) {
        StringBuilder md = new StringBuilder(setup).append("\n\n| measure | ").append(only.name())
                .append(" |\n|---|---:|\n");
        md.append("| ingest, events/s until acknowledged | ").append(f0(only.load().eventsPerSecond())).append(" |\n");
        md.append("| ingest, events/s until searchable | ").append(f0(only.searchableEventsPerSecond())).append(" |\n");
        md.append("| server CPU per event, µs | ").append(f1(only.cpuMicrosPerEvent())).append(" |\n");
        md.append("| disk per event, bytes | ").append(f1(only.diskBytesPerEvent())).append(" |\n");
        md.append("| server peak RSS, MB | ").append(f1(only.peakRssBytes() / 1e6)).append(" |\n");
        md.append("\n| query | p50 / p99 ms | runs | answer |\n|---|---:|---:|---|\n");
        for (QueryTimer.Timing t : only.queries()) {
            md.append("| ").append(t.name()).append(" | ").append(f1(t.p50Ms())).append(" / ").append(f1(t.p99Ms()))
                    .append(" | ").append(t.runs())
                    .append(" | ").append(t.answer()).append(" |\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String measure, String ours, String peer, String ratio, String target,
                            String met) {
        md.append("| ").append(measure).append(" | ").append(ours).append(" | ").append(peer).append(" | ")
                .append(ratio).append(" | ").append(target).append(" | ").append(met).append(" |\n");
    }

    private static String met(boolean yes) {
        return yes ? "yes" : "**no**";
    }

    static String x(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }
}
