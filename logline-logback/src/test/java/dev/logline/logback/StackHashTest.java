package dev.logline.logback;

import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.logline.logback.error.FrameFilter;
import dev.logline.logback.error.StackHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackHashTest {

    private static Throwable withFrames(Throwable t, StackTraceElement... frames) {
        t.setStackTrace(frames);
        return t;
    }

    private static int hash(Throwable t, FrameFilter filter) {
        return StackHash.of(new ThrowableProxy(t), filter);
    }

    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    void ignoresLineNumbersMessagesAndGeneratedNames() {
        Throwable a = withFrames(new IllegalStateException("one"),
                frame("shop.Orders$$Lambda$41/0x0000000800c0b000", "run", -1),
                frame("shop.Orders", "lambda$place$3", 10),
                frame("jdk.internal.reflect.GeneratedMethodAccessor12", "invoke", -1),
                frame("shop.Api$$SpringCGLIB$$0", "place", 20));
        Throwable b = withFrames(new IllegalStateException("two"),
                frame("shop.Orders$$Lambda$97/0x0000000800d1c440", "run", -1),
                frame("shop.Orders", "lambda$place$11", 99),
                frame("jdk.internal.reflect.GeneratedMethodAccessor7", "invoke", -1),
                frame("shop.Api$$SpringCGLIB$$1", "place", 21));
        assertThat(hash(a, FrameFilter.NONE)).isEqualTo(hash(b, FrameFilter.NONE));
    }

    @Test
    void differsForAnotherTypeMethodOrCause() {
        StackTraceElement f = frame("shop.Orders", "place", 1);
        int base = hash(withFrames(new IllegalStateException(), f), FrameFilter.NONE);
        assertThat(hash(withFrames(new IllegalArgumentException(), f), FrameFilter.NONE)).isNotEqualTo(base);
        assertThat(hash(withFrames(new IllegalStateException(), frame("shop.Orders", "cancel", 1)), FrameFilter.NONE))
                .isNotEqualTo(base);
        Throwable withCause = withFrames(new IllegalStateException("x", withFrames(new java.io.IOException(), f)), f);
        assertThat(hash(withCause, FrameFilter.NONE)).isNotEqualTo(base);
    }

    @Test
    void leavesExcludedFramesOutOfTheHash() {
        Throwable direct = withFrames(new IllegalStateException(), frame("shop.Orders", "place", 1));
        Throwable proxied = withFrames(new IllegalStateException(), frame("shop.Orders", "place", 1),
                frame("org.springframework.aop.Proxy", "invoke", 5));
        FrameFilter spring = FrameFilter.parse("org.springframework., net.sf.cglib.");
        assertThat(hash(proxied, spring)).isEqualTo(hash(direct, spring));
        assertThat(hash(proxied, FrameFilter.NONE)).isNotEqualTo(hash(direct, FrameFilter.NONE));
        assertThat(spring.prefixes()).containsExactly("org.springframework.", "net.sf.cglib.");
    }
}
