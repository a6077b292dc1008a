package dev.logline.core.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * jqwik arbitraries of parser inputs: raw bytes, and real samples damaged by a few {@link Mutation}s. Both shrink
 * (fewer mutations, earlier samples, shorter byte arrays), so a failure is reported with the smallest input jqwik
 * finds; jqwik's edge cases (empty arrays, the first sample unchanged) come first.
 */
public final class FuzzInputs {

    private FuzzInputs() {
    }

    /** Any bytes, up to {@code maxBytes}. */
    public static Arbitrary<byte[]> raw(int maxBytes) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxBytes);
    }

    /** One of {@code samples} with up to six mutations (splicing takes pieces of the other samples). */
    public static Arbitrary<byte[]> mutated(List<byte[]> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("mutated inputs need at least one sample");
        }
        return Combinators.combine(Arbitraries.of(samples), mutation().list().ofMaxSize(6)).as((sample, mutations) -> {
            byte[] b = sample;
            for (Mutation m : mutations) {
                b = m.apply(b, samples);
            }
            return b;
        });
    }

    /** Mostly mutated samples, sometimes raw bytes (the structure-free end of the search). */
    public static Arbitrary<byte[]> of(List<byte[]> samples, int maxRawBytes) {
        return Arbitraries.frequencyOf(Tuple.of(4, mutated(samples)), Tuple.of(1, raw(maxRawBytes)));
    }

    /** {@link #of} for text formats, read back as UTF-8 (invalid sequences become U+FFFD, as a decoder would). */
    public static Arbitrary<String> text(List<String> samples, int maxRawBytes) {
        List<byte[]> bytes = samples.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        return Arbitraries.frequencyOf(Tuple.of(4, mutated(bytes)), Tuple.of(1, raw(maxRawBytes)))
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** One mutation, for damaging inputs chosen elsewhere (one file among a store's). */
    public static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(Arbitraries.of(Mutation.Kind.class), any, Arbitraries.integers().between(0, 63),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 15)).as(Mutation::new);
    }
}
