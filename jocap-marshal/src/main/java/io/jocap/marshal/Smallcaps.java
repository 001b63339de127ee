package io.jocap.marshal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Endo's smallcaps encoding of passable values as {@link CapData}, byte-for-byte compatible with
 * {@code @endo/marshal} 1.10.0 ({@code makeMarshal(…, {serializeBodyFormat: 'smallcaps'})}).
 *
 * <p>Instances are immutable and safe to share between threads; the only state is the errorId
 * counter when error tagging is on, which is an {@link AtomicLong} that keeps counting across
 * calls, as the counter of a JavaScript marshal instance does.
 *
 * <h2>Encoding</h2>
 *
 * {@link #encode} writes exactly what {@code toCapData} writes: record keys in JavaScript order,
 * numbers as {@code Number::toString} prints them ({@code -0} as {@code 0}), special strings
 * {@code !}-escaped, one slot per distinct remotable or promise <em>object</em> (by identity), the
 * iface on a remotable's first occurrence only, and errors without their {@code cause} and {@code
 * errors}. See {@link PassStyle} for the Java representation of each value; anything else is
 * rejected with a {@link MarshalException} naming the path to it. Values nested deeper than {@link
 * DecodeLimits#maxDepth()} (including cyclic Java lists and maps) are rejected too.
 *
 * <h2>Decoding</h2>
 *
 * {@link #decode} accepts what {@code fromCapData} accepts and rejects what it rejects: smallcaps
 * bodies ({@code #…}) and legacy capdata bodies ({@code @qclass}). It follows the ECMAScript JSON
 * grammar; reads duplicate keys as JavaScript does (the last value wins); parses numbers and slot
 * indices as JavaScript does; and yields immutable lists (null elements allowed), immutable
 * insertion-ordered maps (in JSON text order), {@code Double} for every number, and {@link
 * PassableError}s whose name is {@code Error} when the body's name is not standard. Bodies beyond
 * the {@link DecodeLimits} are rejected early.
 *
 * <p>Where this class knowingly differs from JavaScript:
 *
 * <ul>
 *   <li>A member shadowed by a later duplicate key is still decoded, so it must itself be a valid
 *       encoding, and its slot references are converted (JavaScript parses the whole body first
 *       and never looks at the shadowed value). Single-pass decoding is the reason.
 *   <li>Members are visited in JSON text order; JavaScript visits array-index keys first. This
 *       only changes which occurrence of a slot index delivers the iface, in bodies that no
 *       encoder writes. Likewise error fields are visited in text order rather than name, message,
 *       errorId, cause, errors, rest.
 *   <li>A body that is not valid JSON may fail after the converter has already been called for
 *       slot references before the fault; JavaScript rejects it before converting anything.
 *   <li>The {@link DecodeLimits} (and the same depth bound when encoding) have no JavaScript
 *       counterpart.
 *   <li>Legacy {@code @qclass} bodies follow {@code @endo/marshal}'s rules as documented, but only
 *       two conformance vectors cover them; a slot entry with a non-string iface, and a symbol
 *       whose name is not a string, are rejected.
 * </ul>
 */
public final class Smallcaps {
    private static final Smallcaps STANDARD = builder().build();

    private final SlotConverter slotConverter;
    private final String errorIdPrefix;
    private final AtomicLong errorCounter;
    private final DecodeLimits limits;

    private Smallcaps(Builder b) {
        this.slotConverter = b.slotConverter;
        this.errorIdPrefix = b.marshalName == null ? null : "error:" + b.marshalName + "#";
        this.errorCounter = new AtomicLong(b.errorIdNum);
        this.limits = b.limits;
    }

    /**
     * The kernel configuration (as ocap-kernel's {@code kser}/{@code kunser}): error tagging off,
     * {@link SlotConverter#STANDARD}, {@link DecodeLimits#DEFAULT}.
     */
    public static Smallcaps standard() {
        return STANDARD;
    }

    /** A builder starting from the kernel configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Encodes a passable value.
     *
     * @throws MarshalException if the value is not passable, naming the path to the offending part
     */
    public CapData encode(Object value) {
        return new SmallcapsEncoder(slotConverter, limits.maxDepth(), errorIdPrefix, errorCounter).encode(value);
    }

    /**
     * Decodes CapData.
     *
     * @throws MarshalException if the body is invalid, names its position in the body
     */
    public Object decode(CapData data) {
        if (data == null) {
            throw new MarshalException("CapData must not be null");
        }
        return decodeChecked(data.body(), data.slots());
    }

    /**
     * Decodes a body and its slots.
     *
     * @throws MarshalException if {@code body} is null, {@code slots} is null or holds a non-string,
     *     or the body is invalid
     */
    public Object decode(String body, List<String> slots) {
        if (body == null) {
            throw new MarshalException("body must be a string, got null");
        }
        if (slots == null) {
            throw new MarshalException("slots must be an array of strings, got null");
        }
        checkLimits(body, slots.size());
        int i = 0;
        for (Object slot : slots) {
            if (!(slot instanceof String)) {
                throw new MarshalException("slots must be an array of strings, but slots[" + i + "] is "
                        + PassStyle.describe(slot));
            }
            i++;
        }
        return decodeChecked(body, slots);
    }

    private void checkLimits(String body, int slotCount) {
        if (body.length() > limits.maxBodyLength()) {
            throw new MarshalException("body is " + body.length() + " characters long, more than the limit of "
                    + limits.maxBodyLength() + " (DecodeLimits.maxBodyLength)");
        }
        if (slotCount > limits.maxSlots()) {
            throw new MarshalException("CapData has " + slotCount + " slots, more than the limit of "
                    + limits.maxSlots() + " (DecodeLimits.maxSlots)");
        }
    }

    private Object decodeChecked(String body, List<String> slots) {
        checkLimits(body, slots.size());
        if (!body.isEmpty() && body.charAt(0) == '#') {
            return new SmallcapsDecoder(body, slots, slotConverter, limits).decode();
        }
        return new LegacyCapDataDecoder(body, slots, slotConverter, limits).decode();
    }

    /** Configures a {@link Smallcaps}. Not thread-safe; {@link #build()} copies the settings. */
    public static final class Builder {
        private SlotConverter slotConverter = SlotConverter.STANDARD;
        private String marshalName;
        private long errorIdNum;
        private DecodeLimits limits = DecodeLimits.DEFAULT;

        private Builder() {}

        /** The converter between remotables/promises and slots; default {@link SlotConverter#STANDARD}. */
        public Builder slotConverter(SlotConverter converter) {
            if (converter == null) {
                throw new MarshalException("slot converter must not be null");
            }
            this.slotConverter = converter;
            return this;
        }

        /**
         * Turns error tagging on: each encoded error gets {@code "errorId":"error:<marshalName>#<n>"},
         * with {@code n} counting up from {@code errorIdNum + 1} over the life of the instance
         * (JavaScript's defaults are {@code "anon-marshal"} and 10000; liveslots uses {@code
         * "liveSlots:<vatID>"} and 70000). Off by default, as in ocap-kernel.
         */
        public Builder errorTagging(String marshalName, long errorIdNum) {
            if (marshalName == null) {
                throw new MarshalException("marshal name must not be null");
            }
            this.marshalName = marshalName;
            this.errorIdNum = errorIdNum;
            return this;
        }

        /** Bounds on what is decoded (and how deep values may be encoded); default {@link DecodeLimits#DEFAULT}. */
        public Builder limits(DecodeLimits newLimits) {
            if (newLimits == null) {
                throw new MarshalException("decode limits must not be null");
            }
            this.limits = newLimits;
            return this;
        }

        /** A {@link Smallcaps} with the settings given so far. */
        public Smallcaps build() {
            return new Smallcaps(this);
        }
    }
}
