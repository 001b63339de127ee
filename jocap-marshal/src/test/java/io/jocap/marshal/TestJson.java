package io.jocap.marshal;

import java.util.List;
import java.util.Map;

/** Writes plain JSON trees (as {@link JsonReader} returns them) back to text, for building test envelopes. */
final class TestJson {
    private TestJson() {}

    static Object parse(String text) {
        return JsonReader.parse(text, 0, 10_000, "JSON");
    }

    static String write(Object tree) {
        StringBuilder sb = new StringBuilder();
        write(sb, tree);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object tree) {
        switch (tree) {
            case null -> sb.append("null");
            case String s -> JsonText.appendQuoted(sb, s);
            case Double d -> JsNumberFormat.append(sb, d);
            case Boolean b -> sb.append(b);
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, list.get(i));
                }
                sb.append(']');
            }
            case Map<?, ?> map -> {
                sb.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (i++ > 0) {
                        sb.append(',');
                    }
                    JsonText.appendQuoted(sb, (String) e.getKey());
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            default -> throw new IllegalArgumentException("not a JSON tree: " + tree.getClass());
        }
    }
}
