package dev.logline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running {@code logline} command (a server) on a thread of the test, with its output; {@link #await} waits for
 * a line it prints, {@link #close} interrupts it as Ctrl-C would and waits for it to end.
 */
final class CommandInThread implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    CommandInThread(String... args) {
        thread = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args)), "logline-" + args[0]);
        thread.start();
    }

    /** The first match of {@code regex} in the output (group 1 when it has one), waiting up to 15 s for it. */
    String await(String regex) throws InterruptedException {
        Matcher m = Pattern.compile(regex).matcher("");
        for (int i = 0; i < 300 && !m.reset(out.toString()).find() && thread.isAlive(); i++) {
            Thread.sleep(50);
        }
        if (!m.reset(out.toString()).find()) {
            throw new AssertionError("no '" + regex + "' in the output: " + out + "\nstderr: " + err);
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The exit code once the command ended by itself (waits up to 15 s). */
    int exitCode() throws InterruptedException {
        thread.join(15_000);
        return exit.get();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
