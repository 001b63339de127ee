package io.jocap.marshal;

/** {@link SlotConverter#STANDARD}: kernel-style refs to {@link RemotableRef} and {@link PromiseRef}. */
final class StandardSlotConverter implements SlotConverter {
    @Override
    public String toSlot(Object remotableOrPromise) {
        if (remotableOrPromise instanceof SlotRef ref) {
            return ref.slot();
        }
        throw new MarshalException("SlotConverter.STANDARD can only encode SlotRef objects (such as RemotableRef and "
                + "PromiseRef), not " + remotableOrPromise.getClass().getName());
    }

    @Override
    public Object fromSlot(String slot, String iface) {
        if (slot == null) {
            throw new MarshalException("slot check: the body refers to a slot index past the end of the slots list");
        }
        if (!isValidRef(slot)) {
            throw new MarshalException("slot check: not a valid slot reference: " + JsonText.quote(slot));
        }
        char first = slot.charAt(0);
        boolean promise = first == 'p' || slot.charAt(1) == 'p';
        if (promise) {
            return new PromiseRef(slot);
        }
        String normalized = iface == null ? "Remotable" : Remotable.isValidIface(iface) ? iface : "Alleged: " + iface;
        return new RemotableRef(slot, normalized);
    }

    /** {@code ^(k[op]\d+|[op][+-][0-9a-z/:]+|r[op][+-]\d+)$}, by hand. */
    static boolean isValidRef(String s) {
        int n = s.length();
        if (n < 3) {
            return false;
        }
        char c0 = s.charAt(0);
        char c1 = s.charAt(1);
        return switch (c0) {
            case 'k' -> (c1 == 'o' || c1 == 'p') && allDigits(s, 2);
            case 'o', 'p' -> (c1 == '+' || c1 == '-') && allVrefChars(s, 2);
            case 'r' -> (c1 == 'o' || c1 == 'p') && n >= 4 && (s.charAt(2) == '+' || s.charAt(2) == '-')
                    && allDigits(s, 3);
            default -> false;
        };
    }

    private static boolean allDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allVrefChars(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '/' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SlotConverter.STANDARD";
    }
}
