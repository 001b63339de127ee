package io.jocap.worker;

/** Every promise scenario again, with each vat's turns run by a thread of its own. */
class PromiseScenariosOnVatThreadTest extends PromiseScenariosTest {
    @Override
    Cluster newCluster() {
        return new Cluster(InProcessWorker.TurnThread.VAT);
    }
}
