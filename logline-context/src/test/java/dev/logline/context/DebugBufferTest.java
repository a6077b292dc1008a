package dev.logline.context;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DebugBufferTest {

    @Test
    void keepsTheNewestLinesAndReplaysThemInOrder() {
        List<String> out = new ArrayList<>();
        DebugBuffer buffer = new DebugBuffer(3);
        for (int i = 1; i <= 5; i++) {
            int n = i;
            assertThat(buffer.hold(() -> out.add("line " + n))).isTrue();
        }
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.droppedCount()).isEqualTo(2);
        buffer.flush();
        assertThat(out).containsExactly("line 3", "line 4", "line 5");
        assertThat(buffer.hold(() -> out.add("late"))).isFalse();
    }

    @Test
    void discardForgetsAndBindingIsScoped() {
        DebugBuffer buffer = new DebugBuffer(8);
        try (ContextScope scope = buffer.bind()) {
            assertThat(DebugBuffer.current()).containsSame(buffer);
            buffer.hold(() -> { throw new AssertionError("must not replay"); });
        }
        assertThat(DebugBuffer.current()).isEmpty();
        buffer.discard();
        buffer.flush();
        assertThat(buffer.size()).isZero();
    }
}
