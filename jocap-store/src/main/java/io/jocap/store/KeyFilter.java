package io.jocap.store;

/**
 * A Bloom filter over every key that may have a row in SQLite, so that reading a key that was
 * never written (a new promise's count, a c-list entry not made yet) costs a few hashes instead
 * of a SQLite query. "No" is certain; "maybe" goes on to SQLite as before.
 *
 * <p>Every key is added when a crank writes it (an aborted write leaves a harmless extra bit), so
 * the filter is a superset of the keys in memory layers and in SQLite. Deletes are not removed
 * (a Bloom filter cannot forget); instead, once more keys were added than the filter was sized
 * for, the store {@linkplain #saturated() rebuilds} it at the start of a crank from SQLite's keys
 * and the in-memory batches', sized for twice the keys it then holds (at least
 * {@link #MIN_CAPACITY}, 80 KB) or, where keys die young, twice its last size (up to
 * {@code KernelStore.FILTER_CHURN_CAPACITY}), so rebuilds cost amortised O(1) per new key. Keys made
 * and deleted between two commit points never reach SQLite, so a rebuild after their batch
 * has left memory forgets them.
 *
 * <p>At least ten bits and seven probes per key give about 1% false positives at capacity. A
 * key's probes all fall in one block of 512 bits, so a lookup costs one or two memory accesses
 * rather than seven: the store asks the filter before any other layer (see {@code SpaceView}), so
 * it is on the path of every read. The hash is {@link String#hashCode()} (which a string computes
 * once and the layers' hash maps use too) mixed with the key space's seed; two keys with the same
 * hash code only cost a false positive. Kernel thread only.
 */
final class KeyFilter {
    static final int MIN_CAPACITY = 1 << 16;
    private static final int PROBES = 7;
    private static final int BITS_PER_KEY = 10;

    /** Bits per block: one block of eight words (a processor cache line or two) holds a key's probes. */
    private static final int BLOCK_SHIFT = 9;
    private static final int BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;
    private static final int BLOCK_WORDS_SHIFT = BLOCK_SHIFT - 6;

    private long[] words;
    private int blockMask;
    private int capacity;
    private int added;
    private long skipped;

    /** An empty filter sized for {@code capacity} keys (at least {@link #MIN_CAPACITY}). */
    KeyFilter(long capacity) {
        reset(capacity);
    }

    /** Forgets every key and sizes the filter for {@code capacity} keys (at least {@link #MIN_CAPACITY}). */
    void reset(long capacity) {
        long wanted = Math.max(MIN_CAPACITY, Math.min(capacity, 1L << 28));
        long bits = Long.highestOneBit(wanted * BITS_PER_KEY - 1) << 1;
        this.words = new long[(int) (bits >>> 6)];
        this.blockMask = (int) (bits >>> BLOCK_SHIFT) - 1;
        this.capacity = (int) wanted;
        this.added = 0;
    }

    /** The seed that keeps a vat's vatstore keys apart from the kernel's keys and other vats'. */
    static long seed(String vatId) {
        if (vatId == null) {
            return 0x243F6A8885A308D3L;
        }
        long h = 0x13198A2E03707344L;
        for (int i = 0, n = vatId.length(); i < n; i++) {
            h = (h ^ vatId.charAt(i)) * 0x100000001B3L; // FNV-1a: 64 bits, unlike String.hashCode
        }
        return mix(h ^ vatId.length());
    }

    /**
     * Adds {@code key}; returns true if it was certainly absent before (every probed bit was
     * clear), which is what makes a write {@linkplain SpaceWrites#isFresh fresh}. Only such
     * keys count towards {@linkplain #saturated() saturation}: rewriting a counter does not.
     */
    boolean add(long seed, String key) {
        long h = hash(seed, key);
        int base = block(h);
        int h1 = (int) h;
        int h2 = (h1 >>> BLOCK_SHIFT) | 1;
        boolean absent = false;
        for (int i = 0; i < PROBES; i++) {
            int bit = (h1 + i * h2) & BLOCK_MASK;
            int w = base + (bit >>> 6);
            long word = words[w];
            long b = 1L << bit;
            if ((word & b) == 0) {
                absent = true;
                words[w] = word | b;
            }
        }
        if (absent) {
            added++;
        }
        return absent;
    }

    /**
     * False if {@code key} was certainly never added; true if it may have been. A "false" counts
     * as a read the filter answered ({@link #skipped()}).
     */
    boolean mightContain(long seed, String key) {
        if (seen(seed, key)) {
            return true;
        }
        skipped++;
        return false;
    }

    /** As {@link #mightContain}, without counting: for writes, which are no reads saved. */
    boolean seen(long seed, String key) {
        long h = hash(seed, key);
        int base = block(h);
        int h1 = (int) h;
        int h2 = (h1 >>> BLOCK_SHIFT) | 1;
        for (int i = 0; i < PROBES; i++) {
            int bit = (h1 + i * h2) & BLOCK_MASK;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The key's hash code mixed with its space's seed over 64 bits. */
    private static long hash(long seed, String key) {
        return mix(seed + (key.hashCode() & 0xFFFF_FFFFL));
    }

    /** The first word of the key's block: the hash's high half picks it. */
    private int block(long h) {
        return ((int) (h >>> 32) & blockMask) << BLOCK_WORDS_SHIFT;
    }

    /** Whether more keys were added than the filter was sized for (its answers get vaguer). */
    boolean saturated() {
        return added > capacity;
    }

    int capacity() {
        return capacity;
    }

    /** How many reads {@link #mightContain} answered "certainly absent" since the store opened. */
    long skipped() {
        return skipped;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads every input bit over the whole word. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
