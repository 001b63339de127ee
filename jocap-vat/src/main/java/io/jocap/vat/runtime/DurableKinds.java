package io.jocap.vat.runtime;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.Smallcaps;
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.VatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Durable kinds and their objects. A kind has a number {@code K} fixed when it is first defined;
 * its objects are {@code o+dK/I}; each object's state is one record in the vatstore. Behaviour
 * objects are made on demand (first use in an incarnation) and kept for the incarnation, so an
 * object keeps its identity within one incarnation and its vref and state across all of them.
 *
 * <p>Vatstore keys: {@code vom.kind.<name>} = {@code "<K> <field>,<field>…"},
 * {@code vom.next} = the next kind number, {@code vom.<K>.n} = the next instance number of kind
 * K, {@code vom.o+dK/I} = the object's state (CapData JSON of a record). Loop thread only.
 */
final class DurableKinds {
    private static final String KIND = "vom.kind.";

    private final Vatstore store;
    private final StoredValues values;
    private final VatRefs refs;
    private final String vatName;
    private final Map<String, Kind<?>> byName = new HashMap<>();
    private final Map<String, Kind<?>> byNumber = new HashMap<>();
    private Smallcaps storage;

    DurableKinds(Vatstore store, StoredValues values, VatRefs refs, String vatName) {
        this.store = store;
        this.values = values;
        this.refs = refs;
        this.vatName = vatName;
    }

    /** The marshaller for stored values (presences and durable objects only). */
    void storage(Smallcaps storage) {
        this.storage = storage;
    }

    <T extends Far> Baggage.DurableKind<T> define(String name, List<String> fields, Function<Baggage.DurableState, T> behaviour) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(behaviour, "behaviour");
        if (name.isEmpty() || name.contains(" ")) {
            throw new VatException("a durable kind's name must be non-empty and without spaces, got \"" + name + "\"");
        }
        List<String> fieldList = List.copyOf(fields);
        for (String field : fieldList) {
            if (field.isEmpty() || field.contains(",") || field.contains(" ")) {
                throw new VatException("durable kind " + name + ": bad field name \"" + field + "\"");
            }
        }
        if (byName.containsKey(name)) {
            throw new VatException("durable kind " + name + " is defined twice in vat " + vatName);
        }
        String stored = store.get(KIND + name);
        String number;
        if (stored == null) {
            String next = store.get("vom.next");
            number = next == null ? "1" : next;
            store.set("vom.next", Long.toString(Long.parseLong(number) + 1));
            store.set(KIND + name, number + " " + String.join(",", fieldList));
        } else {
            int space = stored.indexOf(' ');
            number = space < 0 ? stored : stored.substring(0, space);
            List<String> storedFields = space < 0 || space == stored.length() - 1
                    ? List.of() : List.of(stored.substring(space + 1).split(","));
            if (!storedFields.equals(fieldList)) {
                throw new VatException("durable kind " + name + " of vat " + vatName + " was defined with fields "
                        + storedFields + " and is now redefined with " + fieldList + "; its stored objects need the same fields");
            }
        }
        Kind<T> kind = new Kind<>(name, number, fieldList, behaviour);
        byName.put(name, kind);
        byNumber.put(number, kind);
        return kind;
    }

    /** The behaviour object for durable vref {@code o+dK/I}, made now if this incarnation has not yet. */
    Object materialize(String vref) {
        int slash = vref.indexOf('/');
        String number = vref.substring(3, slash);
        Kind<?> kind = byNumber.get(number);
        if (kind == null) {
            throw new MarshalException("durable object " + vref + " is of a kind this incarnation of vat " + vatName
                    + " has not defined (yet)");
        }
        if (store.get("vom." + vref) == null) {
            throw new MarshalException("durable object " + vref + " no longer exists");
        }
        return kind.behaviourFor(vref);
    }

    /**
     * Fails unless every kind in the vatstore was defined by this incarnation (after the build
     * step): a kind left undefined would leave its objects without behaviour.
     */
    void checkAllRedefined() {
        List<String> missing = new ArrayList<>();
        for (String key = store.nextKey(KIND); key != null && key.startsWith(KIND); key = store.nextKey(key)) {
            String name = key.substring(KIND.length());
            if (!byName.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new VatException("vat " + vatName + " did not redefine the durable kind" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(n -> "\"" + n + "\"").toList())
                    + ": every kind a vat ever defined must be defined again (Baggage.defineKind) in buildRootObject");
        }
    }

    private final class Kind<T extends Far> implements Baggage.DurableKind<T> {
        private final String name;
        private final String number;
        private final List<String> fields;
        private final Function<Baggage.DurableState, T> behaviour;

        Kind(String name, String number, List<String> fields, Function<Baggage.DurableState, T> behaviour) {
            this.name = name;
            this.number = number;
            this.fields = fields;
            this.behaviour = behaviour;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public T make(Map<String, Object> initialState) {
            Objects.requireNonNull(initialState, "initialState");
            if (!initialState.keySet().equals(new java.util.HashSet<>(fields))) {
                throw new VatException("durable kind " + name + " has fields " + fields + ", but make() was given "
                        + initialState.keySet());
            }
            Map<String, Object> state = new LinkedHashMap<>();
            fields.forEach(f -> state.put(f, initialState.get(f)));
            String counterKey = "vom." + number + ".n";
            String next = store.get(counterKey);
            long instance = next == null ? 1 : Long.parseLong(next);
            store.set(counterKey, Long.toString(instance + 1));
            String vref = "o+d" + number + "/" + instance;
            values.put("vom." + vref, encode(state));
            return behaviourFor(vref);
        }

        T behaviourFor(String vref) {
            T object = behaviour.apply(new StoredState(vref, fields));
            if (object == null) {
                throw new VatException("the behaviour of durable kind " + name + " returned null");
            }
            refs.export(object, vref);
            return object;
        }
    }

    private String encode(Map<String, Object> state) {
        try {
            return storage.encode(state).toJson();
        } catch (MarshalException e) {
            throw new VatException("cannot store durable state: " + e.getMessage(), e);
        }
    }

    /** One durable object's state: read from the vatstore, written back on every set. */
    private final class StoredState implements Baggage.DurableState {
        private final String key;
        private final List<String> fields;

        StoredState(String vref, List<String> fields) {
            this.key = "vom." + vref;
            this.fields = fields;
        }

        @Override
        public Object get(String field) {
            requireField(field);
            return read().get(field);
        }

        @Override
        public void set(String field, Object value) {
            requireField(field);
            Map<String, Object> state = new LinkedHashMap<>(read());
            state.put(field, value);
            values.put(key, encode(state));
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> read() {
            String stored = store.get(key);
            if (stored == null) {
                throw new VatException("durable object " + key.substring(4) + " no longer exists");
            }
            return (Map<String, Object>) storage.decode(CapData.fromJson(stored));
        }

        private void requireField(String field) {
            if (!fields.contains(field)) {
                throw new VatException("durable object has no field \"" + field + "\" (its fields: " + fields + ")");
            }
        }
    }
}
