package io.jocap.marshal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code JSON.parse} into plain Java values: {@code null}, {@link Boolean}, {@link Double}, {@link
 * String}, {@code ArrayList<Object>} and {@code LinkedHashMap<String, Object>} (text order; a
 * duplicate key keeps its first position and its last value, as in JavaScript). Used for CapData
 * envelopes and legacy {@code @qclass} bodies; smallcaps bodies have their own single-pass decoder.
 */
final class JsonReader {
    private final JsonCursor in;
    private final int maxDepth;

    private JsonReader(JsonCursor in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses {@code text} from {@code start} to its end.
     *
     * @param what names the text in messages, such as "body" or "CapData JSON"
     * @throws MarshalException if the text is not JSON or nests deeper than {@code maxDepth}
     */
    static Object parse(String text, int start, int maxDepth, String what) {
        JsonCursor cursor = new JsonCursor(text, start, what);
        Object value = new JsonReader(cursor, maxDepth).value(0);
        cursor.expectEnd();
        return value;
    }

    private Object value(int depth) {
        in.skipWhitespace();
        char c = in.peek("expected a JSON value");
        return switch (c) {
            case '"' -> in.readString();
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

    private List<Object> array(int depth) {
        checkDepth(depth);
        in.pos++;
        List<Object> items = new ArrayList<>();
        in.skipWhitespace();
        if (in.peek("expected a JSON value or ']'") == ']') {
            in.pos++;
            return items;
        }
        while (true) {
            items.add(value(depth));
            in.skipWhitespace();
            char c = in.peek("expected ',' or ']' after an array element");
            in.pos++;
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                in.pos--;
                throw in.unexpected("expected ',' or ']' after an array element");
            }
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        in.pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        in.skipWhitespace();
        if (in.peek("expected a property name or '}'") == '}') {
            in.pos++;
            return members;
        }
        while (true) {
            in.skipWhitespace();
            if (in.peek("expected a double-quoted property name") != '"') {
                throw in.unexpected("expected a double-quoted property name");
            }
            String key = in.readString();
            in.expect(':', "expected ':' after a property name");
            members.put(key, value(depth));
            in.skipWhitespace();
            char c = in.peek("expected ',' or '}' after a property value");
            in.pos++;
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                in.pos--;
                throw in.unexpected("expected ',' or '}' after a property value");
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw in.error("JSON nested deeper than " + maxDepth + " levels", in.pos);
        }
    }
}
