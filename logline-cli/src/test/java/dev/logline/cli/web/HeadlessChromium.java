package dev.logline.cli.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven headless by Playwright (no browser download); tests that need it skip with a message
 * where {@code /usr/bin/chromium} is missing. Close it to stop the browser and the Playwright driver.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts the browser, or skips the calling test when this machine has no Chromium. */
    static HeadlessChromium startOrSkip() {
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE),
                "skipped: " + EXECUTABLE + " is missing (apt-get install -y chromium)");
        Playwright pw = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        boolean success = false;
        try {
            Browser b = pw.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync")));
            success = true;
            return new HeadlessChromium(pw, b);
        } finally {
            if (!success) {
                pw.close();
            }
        }
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
