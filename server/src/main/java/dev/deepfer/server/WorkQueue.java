package dev.deepfer.server;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency for recognitions: {@code threads} workers and at most {@code queue} jobs
 * waiting; a job beyond that is refused at once ({@link Full}) instead of piling up memory and
 * latency. A permit is returned when the job finishes (before its caller sees the result, so the
 * next request is admitted deterministically), or when a job that timed out before it started is
 * withdrawn. A job that times out while running keeps its worker and its permit until it ends:
 * inference cannot be interrupted, and the bound must stay true.
 */
final class WorkQueue implements AutoCloseable {
    /** The queue is full. */
    static final class Full extends Exception {
        private static final long serialVersionUID = 1L;

        Full(int capacity) {
            super("all " + capacity + " recognition slots are taken");
        }
    }

    private final int capacity;
    private final Semaphore admission;
    private final ExecutorService workers;
    private final AtomicInteger running = new AtomicInteger();

    WorkQueue(int threads, int queue) {
        this.capacity = threads + queue;
        this.admission = new Semaphore(capacity);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "deepfer-recognize-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} on a worker and waits at most {@code timeout} for it.
     *
     * @throws Full when {@code threads + queue} jobs are already admitted
     * @throws TimeoutException when the job did not finish in time
     * @throws ExecutionException with what the task threw
     */
    <T> T run(Callable<T> task, Duration timeout) throws Full, TimeoutException, ExecutionException,
            InterruptedException {
        if (!admission.tryAcquire()) {
            throw new Full(capacity);
        }
        AtomicBoolean claimed = new AtomicBoolean();
        FutureTask<T> job = new FutureTask<>(() -> {
            if (!claimed.compareAndSet(false, true)) {
                return null;
            }
            running.incrementAndGet();
            try {
                return task.call();
            } finally {
                running.decrementAndGet();
                admission.release();
            }
        });
        try {
            workers.execute(job);
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
        try {
            return job.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (claimed.compareAndSet(false, true)) {
                job.cancel(false);
                admission.release();
            }
            throw e;
        }
    }

    /** Jobs admitted but not yet running. */
    int waiting() {
        return Math.max(0, capacity - admission.availablePermits() - running.get());
    }

    /** Jobs running now. */
    int running() {
        return running.get();
    }

    int capacity() {
        return capacity;
    }

    /**
     * Takes no new job, lets the admitted ones end and waits at most {@code grace} for them.
     *
     * @return true when every job has ended (what they use may be freed), false when one still runs
     */
    boolean drain(Duration grace) throws InterruptedException {
        workers.shutdown();
        return workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
