package io.jocap.worker;

/**
 * The step budget when each vat's turns run on a thread of its own ({@code "worker":
 * "vatThread"}): the same budget stops a runaway turn, long before the deadline.
 */
class MeteredVatOnVatThreadTest extends MeteredVatTest {
    @Override
    String worker() {
        return "vatThread";
    }
}
