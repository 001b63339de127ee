/**
 * The kernel's persistent state, typed over the kernel key space of a
 * {@link io.jocap.store.KernelStore}: kernel objects ({@link io.jocap.kernel.state.KernelObjects}),
 * kernel promises with their decider index and message queues
 * ({@link io.jocap.kernel.state.KernelPromises}), per-endpoint c-lists
 * ({@link io.jocap.kernel.state.CList}), id counters ({@link io.jocap.kernel.state.IdCounters}) and
 * the run queue ({@link io.jocap.kernel.state.RunQueue}); {@link io.jocap.kernel.state.KernelState}
 * bundles them.
 *
 * <p>References are strings: krefs {@code koN}/{@code kpN} ({@link io.jocap.kernel.state.Kref}),
 * endpoint ids {@code vN}/{@code rN}/{@code kernel} ({@link io.jocap.kernel.state.EndpointId}) and
 * erefs, opaque but for kind and polarity ({@link io.jocap.kernel.state.Eref}).
 *
 * <p>This layer holds no copy of store data in memory: every read goes to the store, so rolling a
 * crank back leaves nothing stale. It provides primitives only; reference-counting policy, routing
 * and resolution rules belong to the kernel built on top. The key layout is documented in
 * {@code docs/store.md}, section "Kernel key layout".
 */
package io.jocap.kernel.state;
