package dev.logline.cli.bench;

/** The benchmarks jar is not where {@code logline bench} looked; the message says where and how to build it. */
public final class MissingBenchmarksJarException extends RuntimeException {

    MissingBenchmarksJarException(String message) {
        super(message);
    }
}
