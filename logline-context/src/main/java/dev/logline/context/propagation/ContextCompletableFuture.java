package dev.logline.context.propagation;

import dev.logline.context.ContextSnapshot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link CompletableFuture} whose async stages run in the context of the thread that created the stage, on
 * the default pool or any executor given; every stage derived from it is one too.
 *
 * <p>The context is captured when a stage is declared ({@code thenApplyAsync(..)} is called), not when the
 * previous stage completes, so a chain keeps its request's context even when a foreign thread (an HTTP client's,
 * say) completes the first stage. Non-async stages run on the completing thread as usual; after an async stage
 * that thread carries the context.
 *
 * <pre>{@code
 * ContextCompletableFuture.supplyAsync(() -> inventory.check(sku), pool)
 *     .thenApplyAsync(stock -> price(stock))          // runs with the request's trace_id in MDC
 *     .thenAcceptAsync(p -> log.info("priced {}", p));
 * }</pre>
 */
public class ContextCompletableFuture<T> extends CompletableFuture<T> {

    private final Executor defaultExecutor;

    public ContextCompletableFuture() {
        this(ForkJoinPool.commonPool());
    }

    private ContextCompletableFuture(Executor defaultExecutor) {
        this.defaultExecutor = defaultExecutor;
    }

    /** {@link CompletableFuture#supplyAsync(Supplier, Executor)} in the caller's context. */
    public static <U> ContextCompletableFuture<U> supplyAsync(Supplier<U> supplier, Executor executor) {
        ContextCompletableFuture<U> future = new ContextCompletableFuture<>(executor);
        Supplier<U> task = ContextSnapshot.capture().wrapSupplier(supplier);
        executor.execute(() -> {
            try {
                future.complete(task.get());
            } catch (Throwable t) {
                // Wrapped as CompletableFuture.supplyAsync does, so handlers see the same shape.
                future.completeExceptionally(t instanceof CompletionException ? t : new CompletionException(t));
            }
        });
        return future;
    }

    /** {@link CompletableFuture#supplyAsync(Supplier)} in the caller's context. */
    public static <U> ContextCompletableFuture<U> supplyAsync(Supplier<U> supplier) {
        return supplyAsync(supplier, ForkJoinPool.commonPool());
    }

    /** {@link CompletableFuture#runAsync(Runnable, Executor)} in the caller's context. */
    public static ContextCompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        return supplyAsync(() -> {
            task.run();
            return null;
        }, executor);
    }

    /** {@link CompletableFuture#runAsync(Runnable)} in the caller's context. */
    public static ContextCompletableFuture<Void> runAsync(Runnable task) {
        return runAsync(task, ForkJoinPool.commonPool());
    }

    /**
     * Adopts a future made elsewhere (e.g. {@code HttpClient.sendAsync}) so the stages chained onto the result
     * run in the caller's context.
     */
    public static <U> ContextCompletableFuture<U> adopt(CompletionStage<U> stage) {
        ContextCompletableFuture<U> future = new ContextCompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(value);
            }
        });
        return future;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ContextCompletableFuture<>(defaultExecutor);
    }

    /** Called by every async method without an executor, on the thread declaring the stage: capture there. */
    @Override
    public Executor defaultExecutor() {
        return capturing(defaultExecutor);
    }

    private static Executor capturing(Executor executor) {
        ContextSnapshot snapshot = ContextSnapshot.capture();
        return task -> executor.execute(snapshot.wrap(task));
    }

    @Override
    public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
        return super.thenApplyAsync(fn, capturing(executor));
    }

    @Override
    public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
        return super.thenAcceptAsync(action, capturing(executor));
    }

    @Override
    public CompletableFuture<Void> thenRunAsync(Runnable action, Executor executor) {
        return super.thenRunAsync(action, capturing(executor));
    }

    @Override
    public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other,
            BiFunction<? super T, ? super U, ? extends V> fn, Executor executor) {
        return super.thenCombineAsync(other, fn, capturing(executor));
    }

    @Override
    public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
            BiConsumer<? super T, ? super U> action, Executor executor) {
        return super.thenAcceptBothAsync(other, action, capturing(executor));
    }

    @Override
    public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, Executor executor) {
        return super.runAfterBothAsync(other, action, capturing(executor));
    }

    @Override
    public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other,
            Function<? super T, U> fn, Executor executor) {
        return super.applyToEitherAsync(other, fn, capturing(executor));
    }

    @Override
    public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other,
            Consumer<? super T> action, Executor executor) {
        return super.acceptEitherAsync(other, action, capturing(executor));
    }

    @Override
    public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action, Executor executor) {
        return super.runAfterEitherAsync(other, action, capturing(executor));
    }

    @Override
    public <U> CompletableFuture<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn,
            Executor executor) {
        return super.thenComposeAsync(fn, capturing(executor));
    }

    @Override
    public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
        return super.handleAsync(fn, capturing(executor));
    }

    @Override
    public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action, Executor executor) {
        return super.whenCompleteAsync(action, capturing(executor));
    }

    @Override
    public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn, Executor executor) {
        return super.exceptionallyAsync(fn, capturing(executor));
    }

    @Override
    public CompletableFuture<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn,
            Executor executor) {
        return super.exceptionallyComposeAsync(fn, capturing(executor));
    }
}
