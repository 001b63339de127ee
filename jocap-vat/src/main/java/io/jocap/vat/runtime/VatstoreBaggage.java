package io.jocap.vat.runtime;

import io.jocap.marshal.CapData;
import io.jocap.marshal.MarshalException;
import io.jocap.marshal.Smallcaps;
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.VatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Baggage} kept in the vatstore: {@code b.<key>} = the value's CapData JSON, encoded with
 * the storage marshaller (data, presences and durable objects only).
 */
final class VatstoreBaggage implements Baggage {
    private static final String PREFIX = "b.";

    private final Vatstore store;
    private final StoredValues values;
    private final Smallcaps storage;
    private final DurableKinds kinds;

    VatstoreBaggage(Vatstore store, StoredValues values, Smallcaps storage, DurableKinds kinds) {
        this.store = store;
        this.values = values;
        this.storage = storage;
        this.kinds = kinds;
    }

    @Override
    public boolean has(String key) {
        return store.get(PREFIX + requireKey(key)) != null;
    }

    @Override
    public <T> T init(String key, T value) {
        if (has(key)) {
            throw new VatException("baggage already has \"" + key + "\" (use set to replace it)");
        }
        values.put(PREFIX + key, encode(key, value));
        return value;
    }

    @Override
    public Object get(String key) {
        String stored = store.get(PREFIX + requireKey(key));
        if (stored == null) {
            throw new VatException("baggage has no \"" + key + "\"");
        }
        return storage.decode(CapData.fromJson(stored));
    }

    @Override
    public void set(String key, Object value) {
        if (!has(key)) {
            throw new VatException("baggage has no \"" + key + "\" (use init to add it)");
        }
        values.put(PREFIX + key, encode(key, value));
    }

    @Override
    public boolean delete(String key) {
        if (!has(key)) {
            return false;
        }
        values.remove(PREFIX + key);
        return true;
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String k = store.nextKey(PREFIX); k != null && k.startsWith(PREFIX); k = store.nextKey(k)) {
            keys.add(k.substring(PREFIX.length()));
        }
        return keys;
    }

    @Override
    public <T extends Far> DurableKind<T> defineKind(String name, List<String> fields,
            Function<DurableState, T> behaviour) {
        return kinds.define(name, fields, behaviour);
    }

    private String encode(String key, Object value) {
        try {
            return storage.encode(value).toJson();
        } catch (MarshalException e) {
            throw new VatException("cannot store \"" + key + "\" in baggage: " + e.getMessage(), e);
        }
    }

    private static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new VatException("a baggage key must not be empty");
        }
        return key;
    }
}
