package io.jocap.worker;

/**
 * The step budget when the kernel's own thread runs the vats' turns ({@code "worker":
 * "kernelThread"}): there is no deadline, so the budget is what stops a runaway turn.
 */
class MeteredVatOnKernelThreadTest extends MeteredVatTest {
    @Override
    String worker() {
        return "kernelThread";
    }
}
