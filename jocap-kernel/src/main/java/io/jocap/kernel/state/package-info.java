/**
 * The kernel's persistent state, typed over the kernel key space of a
 * {@link io.jocap.store.KernelStore}: kernel objects ({@link io.jocap.kernel.state.KernelObjects}),
 * kernel promises with their decider index and message queues
 * ({@link io.jocap.kernel.state.KernelPromises}), per-endpoint c-lists
 * ({@link io.jocap.kernel.state.CList}), id counters ({@link io.jocap.kernel.state.IdCounters}),
 * the run queue ({@link io.jocap.kernel.state.RunQueue}), kernel pins
 * ({@link io.jocap.kernel.state.Pins}) and the maybe-free set
 * ({@link io.jocap.kernel.state.MaybeFree}); {@link io.jocap.kernel.state.KernelState} bundles
 * them, and {@link io.jocap.kernel.state.RefAudit} checks them.
 *
 * <p>References are strings: krefs {@code koN}/{@code kpN} ({@link io.jocap.kernel.state.Kref}),
 * endpoint ids {@code vN}/{@code rN}/{@code kernel} ({@link io.jocap.kernel.state.EndpointId}) and
 * erefs, opaque but for kind and polarity ({@link io.jocap.kernel.state.Eref}).
 *
 * <p>This layer holds no copy of store data in memory: every read goes to the store, so rolling a
 * crank back leaves nothing stale. Routing and resolution rules belong to the kernel built on
 * top. The key layout is documented in {@code docs/store.md}, section "Kernel key layout".
 *
 * <h2>Reference counting (design invariant 5)</h2>
 *
 * Counts are taken at exactly one layer, this one, by the operations that add or remove a holder,
 * so the kernel logic above can never forget one (MetaMask's kernel counted at the call sites and
 * forgot importer c-list entries, and counted messages queued on promises twice).
 *
 * <p><b>Objects</b> have a reachable count R and a recognizable count C, {@code 0 <= R <= C}:
 * <ul>
 *   <li>a c-list entry of an endpoint that is not the object's owner (an importer): C+1, and R+1
 *       while its reachable flag is set ({@link io.jocap.kernel.state.CList#setReachable} moves R);
 *       the owner's own entry (its export) counts nothing, and changing the owner re-counts the
 *       entries of the old and the new owner;
 *   <li>a run-queue {@code Send}: its target, if an object, and every object in its slots, R+1 C+1
 *       each;
 *   <li>a message queued on a promise: every object in its slots, R+1 C+1;
 *   <li>a settled promise's value: every object in its slots, R+1 C+1;
 *   <li>a pin ({@link io.jocap.kernel.state.Pins}): R+1 C+1.
 * </ul>
 * <p><b>Promises</b> have one count N:
 * <ul>
 *   <li>every c-list entry, of any endpoint (the decider's included): +1;
 *   <li>a run-queue {@code Send}: its target if a promise, its result, every promise in its slots,
 *       +1 each; a {@code Notify}: its promise +1;
 *   <li>a message queued on a promise: its result and every promise in its slots, +1 each (the
 *       promise it waits on is not counted by its own queue);
 *   <li>a settled promise's value: every promise in its slots, +1;
 *   <li>a pin: +1.
 * </ul>
 * A ref named twice by one holder (say a message passing one object in two slots) counts twice.
 * Removing a holder makes the opposite change: polling a run-queue item, draining a promise queue
 * (the drained messages' counts move to wherever the caller puts them next, e.g. back on the run
 * queue, which counts them again), clearing a reachable flag, removing a c-list entry, deleting a
 * promise (its value and any message still queued), unpinning.
 *
 * <p>Every holder must name existing refs: adding or removing one that names an unknown ref
 * throws {@link java.lang.IllegalStateException}, as does a change taking a count below zero (or
 * R above C). Both are kernel bugs; the message names the ref and its counts, and nothing is
 * written, because all counts of one operation are checked before any is written.
 *
 * <p>When a decrement leaves an object at R=0 (and so perhaps C=0) or a promise at N=0, the ref
 * is recorded in the persisted maybe-free set, which shares its crank's fate on rollback;
 * {@link io.jocap.kernel.state.KernelState#takeMaybeFree} returns and clears it. Nothing is ever
 * deleted automatically: collection is the kernel's job.
 *
 * <p>{@link io.jocap.kernel.state.RefAudit} recomputes every count from the holders, with code
 * of its own, and checks the structural invariants; the test suite runs it after every crank.
 * {@code KernelObjects.adjustCounts}/{@code setCounts} and {@code KernelPromises.adjustRefCount}
 * change counts without a holder and remain for repair tools and tests only.
 */
package io.jocap.kernel.state;
