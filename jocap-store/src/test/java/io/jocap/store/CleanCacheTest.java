package io.jocap.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CleanCacheTest {
    @Test
    void evictsAnEntryNotUsedSinceTheHandLastPassedAcrossPartitions() {
        CleanCache cache = new CleanCache(3);
        CleanCache.Partition kv = cache.newPartition();
        CleanCache.Partition vat = cache.newPartition();
        cache.put(kv, "a", "1");
        cache.put(vat, "a", "v");
        cache.put(kv, "b", Tombstone.VALUE);
        assertThat(cache.get(kv, "a")).isEqualTo("1"); // a is now the most recent
        cache.put(kv, "c", "3"); // evicts vat/a
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(vat, "a")).isNull();
        assertThat(cache.get(kv, "b")).isSameAs(Tombstone.VALUE);
        assertThat(cache.get(kv, "c")).isEqualTo("3");
        assertThat(cache.hits()).isEqualTo(3);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void putUpdatesInPlaceAndPurgeForgetsAPartition() {
        CleanCache cache = new CleanCache(10);
        CleanCache.Partition kv = cache.newPartition();
        CleanCache.Partition vat = cache.newPartition();
        cache.put(kv, "a", "1");
        cache.put(kv, "a", "2");
        cache.put(vat, "x", "1");
        cache.put(vat, "y", "1");
        assertThat(cache.size()).isEqualTo(3);
        cache.purge(vat);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(vat, "x")).isNull();
        assertThat(cache.get(kv, "a")).isEqualTo("2");
        cache.put(vat, "z", "1"); // the list is intact after the purge
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void recentlyUsedEntriesGetASecondChance() {
        CleanCache cache = new CleanCache(4);
        CleanCache.Partition kv = cache.newPartition();
        for (int i = 0; i < 4; i++) {
            cache.put(kv, "k" + i, "v");
        }
        cache.get(kv, "k0");
        cache.get(kv, "k2");
        cache.put(kv, "n1", "v"); // evicts k1: k0 was used
        cache.put(kv, "n2", "v"); // evicts k3: k2 was used
        assertThat(cache.get(kv, "k0")).isEqualTo("v");
        assertThat(cache.get(kv, "k2")).isEqualTo("v");
        assertThat(cache.get(kv, "k1")).isNull();
        assertThat(cache.get(kv, "k3")).isNull();
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void zeroCapacityCachesNothing() {
        CleanCache cache = new CleanCache(0);
        CleanCache.Partition kv = cache.newPartition();
        cache.put(kv, "a", "1");
        assertThat(cache.get(kv, "a")).isNull();
        assertThat(cache.size()).isZero();
    }
}
