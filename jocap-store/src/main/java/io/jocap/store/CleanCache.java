package io.jocap.store;

/**
 * A bounded cache of clean values, shared by all key spaces: values read from SQLite, remembered
 * absences ({@link Tombstone#VALUE}), and the values of written batches when they leave memory (a
 * key just written is likely to be read again soon, and would otherwise cost a SQLite read).
 *
 * <p>Invariant: for every key that no in-memory layer holds, a cached entry equals the row in
 * SQLite. It holds because the cache is filled from SQLite only for such keys, and because a
 * batch leaving memory first {@link #put refreshes} the entries of all its keys (and
 * {@link #purge purges} a space it deleted). Entries of keys that a layer holds may be stale, but
 * reads stop at that layer.
 *
 * <p>Eviction approximates least-recently-used with the CLOCK (second chance) algorithm: a hit only
 * sets the entry's reference bit, and the eviction hand passes over referenced entries once,
 * clearing the bit. Exact LRU would relink the entry on every hit, touching two more entries in
 * random places of memory; with a large cache that doubled the cost of a read.
 *
 * <p>Each key space has its own {@link Partition}, a hash table whose entries are the cache's own
 * nodes (no separate map node to dereference), so a lookup needs no composite key and touches the
 * bucket and the entry only. One ring across partitions holds the eviction order. Kernel thread
 * only.
 */
final class CleanCache {
    private final int capacity;
    private final Node ring = new Node(null, null, 0, null); // sentinel
    private Node hand = ring;
    private int size;
    private long hits;
    private long misses;

    CleanCache(int capacity) {
        this.capacity = capacity;
        ring.next = ring;
        ring.prev = ring;
    }

    /** The cached entries of one key space: a chained hash table of nodes. */
    static final class Partition {
        private Node[] buckets = new Node[16];
        private int count;

        private Node find(String key, int hash) {
            for (Node n = buckets[hash & (buckets.length - 1)]; n != null; n = n.chain) {
                if (n.hash == hash && (n.key == key || n.key.equals(key))) {
                    return n;
                }
            }
            return null;
        }

        private void add(Node node) {
            if (count >= buckets.length - (buckets.length >>> 2)) {
                grow();
            }
            int i = node.hash & (buckets.length - 1);
            node.chain = buckets[i];
            buckets[i] = node;
            count++;
        }

        private void remove(Node node) {
            int i = node.hash & (buckets.length - 1);
            if (buckets[i] == node) {
                buckets[i] = node.chain;
            } else {
                Node n = buckets[i];
                while (n.chain != node) {
                    n = n.chain;
                }
                n.chain = node.chain;
            }
            count--;
        }

        private void grow() {
            Node[] old = buckets;
            buckets = new Node[old.length * 2];
            for (Node head : old) {
                for (Node n = head; n != null; ) {
                    Node next = n.chain;
                    int i = n.hash & (buckets.length - 1);
                    n.chain = buckets[i];
                    buckets[i] = n;
                    n = next;
                }
            }
        }
    }

    private static final class Node {
        final Partition partition;
        final String key;
        final int hash;
        String value;
        boolean referenced;
        Node chain;
        Node prev;
        Node next;

        Node(Partition partition, String key, int hash, String value) {
            this.partition = partition;
            this.key = key;
            this.hash = hash;
            this.value = value;
        }
    }

    /** Spreads the high bits down, as HashMap does, since buckets are indexed by the low bits. */
    private static int hash(String key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    Partition newPartition() {
        return new Partition();
    }

    /** The cached value, {@link Tombstone#VALUE} for a remembered absence, or null on a miss. */
    String get(Partition partition, String key) {
        Node node = partition.find(key, hash(key));
        if (node == null) {
            misses++;
            return null;
        }
        hits++;
        node.referenced = true;
        return node.value;
    }

    /** As {@link #get}, without counting a hit or a miss or marking the entry used: for writes. */
    String peek(Partition partition, String key) {
        Node node = partition.find(key, hash(key));
        return node == null ? null : node.value;
    }

    /** Caches {@code value} (or an absence) for the key. */
    void put(Partition partition, String key, String value) {
        if (capacity == 0) {
            return;
        }
        int hash = hash(key);
        Node node = partition.find(key, hash);
        if (node != null) {
            node.value = value;
            node.referenced = true;
            return;
        }
        if (size == capacity) {
            evictOne();
        }
        node = new Node(partition, key, hash, value);
        partition.add(node);
        linkBefore(node, hand); // the last place the hand will look
        size++;
    }

    /** Forgets every entry of a space (the space was deleted). */
    void purge(Partition partition) {
        for (Node head : partition.buckets) {
            for (Node n = head; n != null; n = n.chain) {
                unlink(n);
                size--;
            }
        }
        partition.buckets = new Node[16];
        partition.count = 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    private void evictOne() {
        while (true) {
            Node candidate = hand;
            hand = hand.next;
            if (candidate == ring) {
                continue;
            }
            if (candidate.referenced) {
                candidate.referenced = false; // second chance
            } else {
                unlink(candidate);
                candidate.partition.remove(candidate);
                size--;
                return;
            }
        }
    }

    private void unlink(Node node) {
        if (hand == node) {
            hand = node.next;
        }
        node.prev.next = node.next;
        node.next.prev = node.prev;
    }

    private static void linkBefore(Node node, Node successor) {
        node.next = successor;
        node.prev = successor.prev;
        successor.prev.next = node;
        successor.prev = node;
    }
}
