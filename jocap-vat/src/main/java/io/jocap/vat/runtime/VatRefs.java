package io.jocap.vat.runtime;

import io.jocap.protocol.Syscall;
import io.jocap.vat.Far;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatResolver;
import io.jocap.vat.loop.LoopPromise;
import io.jocap.vat.loop.VatLoop;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vat's side of its c-list: which local object, presence or promise each vref names, and the
 * counters that allocate new vrefs.
 *
 * <ul>
 *   <li>Exports: a {@link Far} object gets {@code o+N} the first time it is passed out (the root
 *       is {@code o+0}; durable objects have {@code o+dK/I}, see {@link DurableKinds}).
 *   <li>Imports: each {@code o-N} has one {@link ImportedPresence} (identity is stable while the
 *       vat holds it), held weakly: {@link #deadImports} reports those the vat let go of.
 *   <li>Promises: a promise passed out gets {@code p+N} and this vat decides it; a promise passed
 *       in ({@code p-N}) or a send's result ({@code p+N} this vat allocated but the receiver
 *       decides) gets a local promise that the kernel's notify settles. A vref is forgotten once
 *       its promise is resolved by us or notified to us: the kernel retires it, so a settled
 *       promise passed out again gets a new vref.
 * </ul>
 * Counters are kept in the vatstore ({@code rt.o}, {@code rt.p}) so that a restarted vat never
 * hands out a vref its previous incarnation used. Loop thread only.
 */
final class VatRefs {
    private static final String EXPORT_COUNTER = "rt.o";
    private static final String PROMISE_COUNTER = "rt.p";

    private final VatSyscalls syscalls;
    private final VatLoop loop;
    private final Map<String, Object> exportsByVref = new HashMap<>();
    private final Map<Object, String> vrefsOfExports = new IdentityHashMap<>();
    private final Map<String, ImportRef> imports = new HashMap<>();
    private final ReferenceQueue<ImportedPresence> collectedImports = new ReferenceQueue<>();
    private final Set<String> possiblyDead = new LinkedHashSet<>();
    private final Map<String, PromiseEntry> promises = new HashMap<>();
    private final Map<VatPromise<?>, PromiseEntry> entriesOfPromises = new IdentityHashMap<>();
    private long nextExport = 1;
    private long nextPromise = 1;

    VatRefs(VatSyscalls syscalls, VatLoop loop) {
        this.syscalls = syscalls;
        this.loop = loop;
    }

    /** Loads the counters of earlier incarnations (at start). */
    void loadCounters() {
        nextExport = Math.max(nextExport, readCounter(EXPORT_COUNTER));
        nextPromise = Math.max(nextPromise, readCounter(PROMISE_COUNTER));
    }

    private long readCounter(String key) {
        String stored = new Vatstore(syscalls).get(key);
        return stored == null ? 1 : Long.parseLong(stored);
    }

    // ---- exports ----

    /** Registers {@code object} under {@code vref} (the root, a durable object). */
    void export(Object object, String vref) {
        exportsByVref.put(vref, object);
        vrefsOfExports.putIfAbsent(object, vref);
    }

    /** The vref of the local object {@code object}, allocating {@code o+N} on first use. */
    String exportVref(Far object) {
        String vref = vrefsOfExports.get(object);
        if (vref == null) {
            vref = "o+" + nextExport++;
            syscalls.post(new Syscall.VatstoreSet(EXPORT_COUNTER, Long.toString(nextExport)));
            export(object, vref);
        }
        return vref;
    }

    /** The vref {@code object} is exported under, or null. */
    String existingExportVref(Object object) {
        return vrefsOfExports.get(object);
    }

    /** The local object exported as {@code vref}, or null. */
    Object exported(String vref) {
        return exportsByVref.get(vref);
    }

    /** Forgets the export {@code vref} (the kernel retired it). */
    void forgetExport(String vref) {
        Object object = exportsByVref.remove(vref);
        if (object != null && vref.equals(vrefsOfExports.get(object))) {
            vrefsOfExports.remove(object);
        }
    }

    // ---- imports ----

    /**
     * The presence of import {@code vref}: the same object as long as the vat holds it. The table
     * holds presences weakly, so that the JVM's collector can tell us which imports the vat no
     * longer uses; we look only in {@link #deadImports}, during {@code bringOutYourDead}.
     */
    ImportedPresence presence(String vref, String iface) {
        ImportRef ref = imports.get(vref);
        ImportedPresence presence = ref == null ? null : ref.get();
        if (presence == null) {
            presence = new ImportedPresence(vref, iface);
            imports.put(vref, new ImportRef(presence, collectedImports));
        }
        return presence;
    }

    /** The kernel retired import {@code vref} (it was dropped, and its exporter is gone). */
    void forgetImport(String vref) {
        imports.remove(vref);
        possiblyDead.remove(vref);
    }

    /** Import {@code vref} may be unused now (no stored value names it any more). */
    void possiblyDead(String vref) {
        possiblyDead.add(vref);
    }

    /**
     * The imports the vat can no longer reach, in the order found, forgotten here: those whose
     * presence the JVM has collected (or that were only named in storage), that no stored value
     * names. The caller drops and retires them. Only {@code bringOutYourDead} asks, so no syscall
     * ever depends on when the JVM happened to collect.
     */
    List<String> deadImports(StoredValues stored) {
        for (Reference<? extends ImportedPresence> r; (r = collectedImports.poll()) != null; ) {
            possiblyDead.add(((ImportRef) r).vref);
        }
        List<String> dead = new ArrayList<>();
        for (String vref : possiblyDead) {
            ImportRef ref = imports.get(vref);
            if ((ref != null && ref.get() != null) || stored.isStored(vref)) {
                continue;
            }
            imports.remove(vref);
            dead.add(vref);
        }
        possiblyDead.clear();
        return dead;
    }

    /** A weak reference to a presence that remembers its vref, for after it is cleared. */
    private static final class ImportRef extends WeakReference<ImportedPresence> {
        final String vref;

        ImportRef(ImportedPresence presence, ReferenceQueue<ImportedPresence> queue) {
            super(presence, queue);
            this.vref = presence.vref();
        }
    }

    // ---- promises ----

    /** The entry of a promise this vat knows by a vref, or null. */
    PromiseEntry entryOf(VatPromise<?> promise) {
        return entriesOfPromises.get(promise);
    }

    PromiseEntry entry(String vref) {
        return promises.get(vref);
    }

    /**
     * The local promise for a promise vref arriving from the kernel, made (and subscribed to, so
     * the kernel tells us how it settles) the first time.
     */
    VatPromise<Object> importedPromise(String vref) {
        PromiseEntry entry = promises.get(vref);
        if (entry == null) {
            VatResolver<Object> resolver = LoopPromise.kit(loop);
            entry = register(new PromiseEntry(vref, resolver.promise(), resolver, false));
            syscalls.post(new Syscall.Subscribe(vref));
        }
        return entry.promise;
    }

    /** Makes sure {@code vref} has an entry, without subscribing (the kernel is notifying it now). */
    void knownPromise(String vref) {
        if (!promises.containsKey(vref)) {
            VatResolver<Object> resolver = LoopPromise.kit(loop);
            register(new PromiseEntry(vref, resolver.promise(), resolver, false));
        }
    }

    /** A new result promise for a send this vat makes: {@code p+N}, settled by the kernel's notify. */
    PromiseEntry newResultPromise() {
        VatResolver<Object> resolver = LoopPromise.kit(loop);
        return register(new PromiseEntry(allocatePromiseVref(), resolver.promise(), resolver, false));
    }

    /** Gives the local promise {@code promise} a vref this vat decides ({@code p+N}). */
    PromiseEntry exportPromise(VatPromise<Object> promise) {
        return register(new PromiseEntry(allocatePromiseVref(), promise, null, true));
    }

    private String allocatePromiseVref() {
        String vref = "p+" + nextPromise++;
        syscalls.post(new Syscall.VatstoreSet(PROMISE_COUNTER, Long.toString(nextPromise)));
        return vref;
    }

    private PromiseEntry register(PromiseEntry entry) {
        promises.put(entry.vref, entry);
        entriesOfPromises.putIfAbsent(entry.promise, entry);
        return entry;
    }

    /** Forgets a promise vref (resolved by us, or notified to us): the kernel has retired it. */
    void forgetPromise(String vref) {
        PromiseEntry entry = promises.remove(vref);
        if (entry != null && entriesOfPromises.get(entry.promise) == entry) {
            entriesOfPromises.remove(entry.promise);
        }
    }

    /** How many vrefs of each kind are known (for tests and status). */
    String sizes() {
        return "exports " + exportsByVref.size() + ", imports " + imports.size() + ", promises " + promises.size();
    }

    /** How many exports the vat holds for the kernel (for tests). */
    int exportCount() {
        return exportsByVref.size();
    }
}
