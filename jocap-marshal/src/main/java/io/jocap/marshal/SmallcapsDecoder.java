package io.jocap.marshal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One smallcaps decoding: a {@code #}-prefixed body and its slots to a passable value.
 *
 * <p>Implementation overview: a hand-written recursive-descent JSON parser that builds passables
 * directly, without an intermediate JSON tree. Array elements and object members are parsed onto
 * one scratch stack and copied out into exact-size immutable containers. Strings are interpreted by
 * their first character as they are read. An object's kind (record, {@code #tag} or {@code #error})
 * is only known once all of its members are read, so member values are decoded first and the object
 * is classified afterwards; that gives the same result as JavaScript's parse-then-walk except that
 * a member shadowed by a later duplicate key has still been decoded (see {@link Smallcaps}).
 * Slot references are resolved through a per-body cache keyed by index, so the converter is
 * called once per index. Depth is bounded by {@link DecodeLimits#maxDepth()}.
 */
final class SmallcapsDecoder {
    private static final double MAX_SAFE_INTEGER = 9007199254740991.0;

    private final JsonCursor in;
    private final List<String> slots;
    private final SlotConverter converter;
    private final DecodeLimits limits;
    private Object[] slotValues; // by index, for indices within slots
    private HashMap<Long, Object> outOfRangeValues;
    private Object[] stack = new Object[32];
    private int top;

    SmallcapsDecoder(String body, List<String> slots, SlotConverter converter, DecodeLimits limits) {
        this.in = new JsonCursor(body, 1, "body");
        this.slots = slots;
        this.converter = converter;
        this.limits = limits;
    }

    Object decode() {
        try {
            Object result = value(0);
            in.expectEnd();
            return result;
        } catch (MarshalException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new MarshalException("body is nested too deeply to decode (near body position " + in.pos + ")");
        } catch (RuntimeException e) {
            throw new MarshalException("could not decode the body near body position " + in.pos + ": " + e, e);
        }
    }

    private Object value(int depth) {
        in.skipWhitespace();
        char c = in.peek("expected a JSON value");
        int at = in.pos;
        return switch (c) {
            case '"' -> string(in.readString(), at);
            case '[' -> array(depth + 1);
            case '{' -> object(depth + 1);
            case 't', 'f', 'n' -> in.readLiteral();
            default -> {
                if (c == '-' || JsonCursor.isDigit(c)) {
                    yield in.readNumber();
                }
                throw in.unexpected("expected a JSON value");
            }
        };
    }

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) {
            throw in.error("body nests arrays and objects more than " + limits.maxDepth()
                    + " levels deep (DecodeLimits.maxDepth)", in.pos);
        }
    }

    private void push(Object o) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = o;
    }

    private Object array(int depth) {
        checkDepth(depth);
        in.pos++;
        in.skipWhitespace();
        if (in.peek("expected a JSON value or ']'") == ']') {
            in.pos++;
            return FrozenList.EMPTY;
        }
        int base = top;
        while (true) {
            push(value(depth));
            in.skipWhitespace();
            char c = in.peek("expected ',' or ']' after an array element");
            if (c == ',') {
                in.pos++;
            } else if (c == ']') {
                in.pos++;
                break;
            } else {
                throw in.unexpected("expected ',' or ']' after an array element");
            }
        }
        Object[] items = Arrays.copyOfRange(stack, base, top);
        top = base;
        return new FrozenList(items);
    }

    private Object object(int depth) {
        int start = in.pos;
        checkDepth(depth);
        in.pos++;
        in.skipWhitespace();
        if (in.peek("expected a property name or '}'") == '}') {
            in.pos++;
            return FrozenMap.EMPTY;
        }
        int base = top;
        boolean specialKeys = false;
        boolean tagIsJsonString = false;
        while (true) {
            in.skipWhitespace();
            if (in.peek("expected a double-quoted property name") != '"') {
                throw in.unexpected("expected a double-quoted property name");
            }
            String key = in.readString();
            in.expect(':', "expected ':' after a property name");
            if (isSpecial(key)) {
                specialKeys = true;
                if (key.equals("#tag")) {
                    in.skipWhitespace();
                    tagIsJsonString = !in.atEnd() && in.text.charAt(in.pos) == '"'; // checked before decoding in JS
                }
            }
            Object v = value(depth);
            push(key);
            push(v);
            in.skipWhitespace();
            char c = in.peek("expected ',' or '}' after a property value");
            if (c == ',') {
                in.pos++;
            } else if (c == '}') {
                in.pos++;
                break;
            } else {
                throw in.unexpected("expected ',' or '}' after a property value");
            }
        }
        int n = (top - base) / 2;
        Object result = specialKeys ? specialObject(base, n, tagIsJsonString, start) : FrozenMap.fromPairs(stack, base, n);
        top = base;
        return result;
    }

    private static boolean isSpecial(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c >= '!' && c <= '-';
    }

    /** The index (0-based pair number) of the last member named {@code name}, or -1. */
    private int lastMember(int base, int n, String name) {
        for (int i = n - 1; i >= 0; i--) {
            if (name.equals(stack[base + 2 * i])) {
                return i;
            }
        }
        return -1;
    }

    private Object memberValue(int base, int i) {
        return stack[base + 2 * i + 1];
    }

    private Object specialObject(int base, int n, boolean tagIsJsonString, int start) {
        int tagAt = lastMember(base, n, "#tag");
        if (tagAt >= 0) {
            return tagged(base, n, tagAt, tagIsJsonString, start);
        }
        int errorAt = lastMember(base, n, "#error");
        if (errorAt >= 0) {
            return error(base, n, errorAt, start);
        }
        return recordWithSpecialKeys(base, n, start);
    }

    private Tagged tagged(int base, int n, int tagAt, boolean tagIsJsonString, int start) {
        if (!tagIsJsonString) {
            throw in.error("the value of \"#tag\" must be a JSON string", start);
        }
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = (String) stack[base + 2 * i];
            if (!key.equals("#tag") && !key.equals("payload") && !unexpected.contains(key)) {
                unexpected.add(key);
            }
        }
        if (!unexpected.isEmpty()) {
            throw in.error("a tagged value has only \"#tag\" and \"payload\", but this one also has "
                    + unexpected.stream().map(JsonText::quote).toList(), start);
        }
        int payloadAt = lastMember(base, n, "payload");
        if (payloadAt < 0) {
            throw in.error("tagged value has no \"payload\"", start);
        }
        if (!(memberValue(base, tagAt) instanceof String tag)) {
            throw in.error("the tag of a tagged value must decode to a string, not "
                    + PassStyle.describe(memberValue(base, tagAt)), start);
        }
        return new Tagged(tag, memberValue(base, payloadAt));
    }

    private PassableError error(int base, int n, int messageAt, int start) {
        if (lastMember(base, n, "message") >= 0) {
            throw in.error("an encoded error must not have a \"message\" property (the message is the value of \"#error\")",
                    start);
        }
        int nameAt = lastMember(base, n, "name");
        if (nameAt < 0) {
            throw in.error("an encoded error needs a \"name\"", start);
        }
        if (!(memberValue(base, nameAt) instanceof String name)) {
            throw in.error("an error name must decode to a string, not "
                    + PassStyle.describe(memberValue(base, nameAt)), start);
        }
        if (!(memberValue(base, messageAt) instanceof String message)) {
            throw in.error("an error message must decode to a string, not " + PassStyle.describe(memberValue(base, messageAt)),
                    start);
        }
        int errorIdAt = lastMember(base, n, "errorId");
        if (errorIdAt >= 0 && JsStringConversion.throwsTypeError(memberValue(base, errorIdAt))) {
            throw in.error("the errorId of an error cannot be converted to a string (JavaScript throws a TypeError)",
                    start);
        }
        int causeAt = lastMember(base, n, "cause");
        int errorsAt = lastMember(base, n, "errors");
        String decodedName = PassableError.decodedName(name);
        return new PassableError(
                decodedName,
                message,
                causeAt < 0 ? null : PassableError.decodedCause(memberValue(base, causeAt)),
                PassableError.decodedErrors(decodedName, errorsAt < 0 ? null : memberValue(base, errorsAt)));
    }

    private Map<String, Object> recordWithSpecialKeys(int base, int n, int start) {
        for (int i = 0; i < n; i++) {
            String key = (String) stack[base + 2 * i];
            if (key.startsWith("#")) {
                throw in.error("unrecognized record type " + JsonText.quote(key)
                        + " (only \"#tag\" and \"#error\" are special record keys)", start);
            }
        }
        for (int i = 0; i < n; i++) {
            String key = (String) stack[base + 2 * i];
            if (!isSpecial(key)) {
                continue;
            }
            char c = key.charAt(0);
            String problem = switch (c) {
                case '!' -> null;
                case '%' -> "a symbol";
                case '+', '-' -> "a bigint";
                case '$' -> "a remotable";
                case '&' -> "a promise";
                default -> null;
            };
            if (c == '!') {
                stack[base + 2 * i] = key.substring(1);
            } else if (problem != null) {
                throw in.error("property name " + JsonText.quote(key) + " would decode to " + problem
                        + "; record keys must be strings", start);
            } else {
                throw in.error("property name " + JsonText.quote(key) + " starts with " + JsonCursor.describe(c)
                        + ", which is reserved for future use", start);
            }
        }
        return FrozenMap.fromPairs(stack, base, n);
    }

    private Object string(String s, int at) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        if (c < '!' || c > '-') {
            return s;
        }
        return switch (c) {
            case '!' -> s.substring(1);
            case '#' -> constant(s, at);
            case '%' -> symbol(s, at);
            case '$' -> reference(s, false, at);
            case '&' -> reference(s, true, at);
            case '+', '-' -> bigint(s, at);
            default -> throw in.error("string " + JsonText.quote(s) + " starts with " + JsonCursor.describe(c)
                    + ", which is reserved for future use", at);
        };
    }

    private Object constant(String s, int at) {
        return switch (s) {
            case "#undefined" -> Undefined.UNDEFINED;
            case "#NaN" -> Double.NaN;
            case "#Infinity" -> Double.POSITIVE_INFINITY;
            case "#-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw in.error("unknown constant " + JsonText.quote(s)
                    + " (known: \"#undefined\", \"#NaN\", \"#Infinity\", \"#-Infinity\")", at);
        };
    }

    private PassableSymbol symbol(String s, int at) {
        try {
            return PassableSymbol.fromEncodedName(s.substring(1));
        } catch (MarshalException e) {
            throw in.error(e.getMessage(), at);
        }
    }

    private BigInteger bigint(String s, int at) {
        int digits = 0;
        int n = s.length();
        while (digits + 1 < n && JsonCursor.isDigit(s.charAt(digits + 1))) {
            digits++;
        }
        if (digits > limits.maxBigIntDigits()) {
            throw in.error("bigint has more than " + limits.maxBigIntDigits() + " digits (DecodeLimits.maxBigIntDigits)",
                    at);
        }
        if (digits == n - 1 && digits > 0 && digits <= 18) {
            long v = Long.parseLong(s, 1, n, 10);
            return BigInteger.valueOf(s.charAt(0) == '-' ? -v : v);
        }
        BigInteger value = JsNumberConversion.stringToBigInt(s);
        if (value == null) {
            throw in.error("cannot convert " + JsonText.quote(s) + " to a bigint", at);
        }
        return value;
    }

    private Object reference(String s, boolean promise, int at) {
        int dot = s.indexOf('.', 1);
        int end = dot < 0 ? s.length() : dot;
        long index = slotIndex(s, end, at);
        String iface = dot < 0 ? null : s.substring(dot + 1);
        Object value = lookup(index, iface, at);
        if (promise ? !(value instanceof PassablePromise) : !(value instanceof Remotable)) {
            throw in.error((promise ? "promise" : "remotable") + " reference " + JsonText.quote(s) + " resolved to "
                    + (promise ? "a remotable" : "a promise") + " (slot " + slotText(index)
                    + "); one slot index cannot be both", at);
        }
        return value;
    }

    /** The index of {@code $N}/{@code &N}: JavaScript {@code Number(text)}, which must be a safe natural number. */
    private long slotIndex(String s, int end, int at) {
        int length = end - 1;
        if (length > 0 && length <= 15) {
            long v = 0;
            int i = 1;
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (i == end) {
                return v;
            }
        }
        double d = JsNumberConversion.stringToNumber(s.substring(1, end));
        if (!(Math.abs(d) <= MAX_SAFE_INTEGER) || d != Math.rint(d)) {
            throw in.error("slot index of " + JsonText.quote(s) + " is " + JsNumberFormat.toJsString(d)
                    + ", which is not a safe integer", at);
        }
        if (d < 0) {
            throw in.error("slot index of " + JsonText.quote(s) + " is " + JsNumberFormat.toJsString(d)
                    + ", which is negative", at);
        }
        return (long) d;
    }

    private String slotText(long index) {
        return index < slots.size() ? JsonText.quote(slots.get((int) index)) : "index " + index + " out of range";
    }

    private Object lookup(long index, String iface, int at) {
        if (index < slots.size()) {
            int i = (int) index;
            if (slotValues == null) {
                slotValues = new Object[slots.size()];
            }
            Object value = slotValues[i];
            if (value == null) {
                value = convert(slots.get(i), iface, at);
                slotValues[i] = value;
            }
            return value;
        }
        if (outOfRangeValues == null) {
            outOfRangeValues = new HashMap<>();
        }
        Object value = outOfRangeValues.get(index);
        if (value == null) {
            value = convert(null, iface, at);
            outOfRangeValues.put(index, value);
        }
        return value;
    }

    private Object convert(String slot, String iface, int at) {
        Object value;
        try {
            value = converter.fromSlot(slot, iface);
        } catch (MarshalException e) {
            throw new MarshalException(e.getMessage() + " (at " + in.positionLabel(at) + ")", e);
        } catch (RuntimeException e) {
            throw new MarshalException("slot converter failed for slot " + JsonText.quote(slot) + " at "
                    + in.positionLabel(at) + ": " + e, e);
        }
        if (value == null) {
            throw in.error("slot converter returned null for slot " + JsonText.quote(slot), at);
        }
        PassStyle style;
        try {
            style = PassStyle.of(value);
        } catch (MarshalException e) {
            throw in.error("slot converter returned something not passable for slot " + JsonText.quote(slot)
                    + ": " + e.getMessage(), at);
        }
        if (style != PassStyle.REMOTABLE && style != PassStyle.PROMISE) {
            throw in.error("slot converter returned " + PassStyle.describe(value) + " for slot " + JsonText.quote(slot)
                    + "; it must return a remotable or a promise", at);
        }
        return value;
    }
}
