package io.jocap.store;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds a commit point at one of its two windows: after the hand-over (data only in the flushing
 * set) or after the SQLite commit (data in SQLite and still in the flushing set).
 */
final class PausingFlushListener implements FlushListener {
    enum Phase { NONE, AFTER_HAND_OVER, AFTER_COMMIT }

    private volatile Phase pauseAt = Phase.NONE;
    private final Semaphore reached = new Semaphore(0);
    private final Semaphore resume = new Semaphore(0);
    volatile String threadName;
    volatile int commitPoints;

    void pauseAt(Phase phase) {
        pauseAt = phase;
    }

    /** Waits until the flusher is held at the configured phase. */
    void awaitPaused() throws InterruptedException {
        if (!reached.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the commit point never reached " + pauseAt);
        }
    }

    void resume() {
        resume.release();
    }

    @Override
    public void handedOver(DirtySet batch) {
        threadName = Thread.currentThread().getName();
        hold(Phase.AFTER_HAND_OVER);
    }

    @Override
    public void committed(DirtySet batch) {
        commitPoints++;
        hold(Phase.AFTER_COMMIT);
    }

    private void hold(Phase phase) {
        if (pauseAt == phase) {
            pauseAt = Phase.NONE;
            reached.release();
            resume.acquireUninterruptibly();
        }
    }
}
