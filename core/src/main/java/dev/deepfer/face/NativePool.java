package dev.deepfer.face;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;

/**
 * OpenCV objects that keep per-call scratch state (cascade classifiers, DNN detectors) shared
 * safely between threads: each call borrows one (creating another when all are busy, so at most one
 * per concurrent caller) and gives it back. {@link #close()} frees the idle ones' native memory.
 */
final class NativePool<T extends Pointer> implements AutoCloseable {
    private final Supplier<T> factory;
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();

    /** A pool creating its objects with {@code factory}; one is created now, so a bad factory fails early. */
    NativePool(Supplier<T> factory) {
        this.factory = factory;
        idle.add(factory.get());
    }

    /** Runs {@code task} with an object no other thread is using. */
    <R> R with(Function<T, R> task) {
        T object = idle.poll();
        if (object == null) {
            object = factory.get();
        }
        try {
            return task.apply(object);
        } finally {
            idle.add(object);
        }
    }

    @Override
    public void close() {
        for (T o; (o = idle.poll()) != null; ) {
            o.close();
        }
    }
}
