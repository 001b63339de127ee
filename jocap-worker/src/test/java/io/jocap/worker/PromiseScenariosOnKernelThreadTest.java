package io.jocap.worker;

/** Every promise scenario again, with each vat's turns run by the kernel's own thread. */
class PromiseScenariosOnKernelThreadTest extends PromiseScenariosTest {
    @Override
    Cluster newCluster() {
        return new Cluster(InProcessWorker.TurnThread.KERNEL);
    }
}
