package io.jocap.protocol;

import io.jocap.marshal.CapData;
import io.jocap.marshal.Json;
import io.jocap.marshal.MarshalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON tuples {@link VatProtocolJson} documents back into records. The text is parsed by
 * {@link Json} into a tree, and every step below checks the type of what it takes from the tree
 * before using it, so hostile text fails with a {@link ProtocolException} and nothing else. Field
 * checks (is it a vref?) are left to the record constructors, which the messages then carry.
 */
final class JsonReading {
    private static final String DELIVERIES = "message, notify, dropExports, retireExports, retireImports, "
            + "bringOutYourDead, startVat";
    private static final String SYSCALLS = "send, subscribe, resolve, exit, dropImports, retireImports, "
            + "retireExports, abandonExports, vatstoreGet, vatstoreSet, vatstoreDelete, vatstoreGetNextKey";

    private JsonReading() {}

    static Delivery delivery(String text) {
        List<Object> tuple = tuple(text, "delivery");
        String name = (String) tuple.get(0);
        try {
            return switch (name) {
                case "message" -> {
                    arity(tuple, 3, "[\"message\", target, {methargs, result}]");
                    yield new Delivery.Deliver(string(tuple.get(1), "target"), message(tuple.get(2)));
                }
                case "notify" -> {
                    arity(tuple, 2, "[\"notify\", [[promise, rejected, data], …]]");
                    yield new Delivery.Notify(resolutions(tuple.get(1)));
                }
                case "dropExports" -> new Delivery.DropExports(vrefList(tuple, name));
                case "retireExports" -> new Delivery.RetireExports(vrefList(tuple, name));
                case "retireImports" -> new Delivery.RetireImports(vrefList(tuple, name));
                case "bringOutYourDead" -> {
                    arity(tuple, 1, "[\"bringOutYourDead\"]");
                    yield new Delivery.BringOutYourDead();
                }
                case "startVat" -> {
                    arity(tuple, 2, "[\"startVat\", parameters]");
                    yield new Delivery.StartVat(capData(tuple.get(1), "parameters"));
                }
                default -> throw new ProtocolException("unknown delivery " + Vref.quote(name) + "; expected one of "
                        + DELIVERIES);
            };
        } catch (Shape problem) {
            throw problem.in(name.equals("message") ? "message delivery" : name); // as Delivery.Deliver says it
        }
    }

    static Syscall syscall(String text) {
        List<Object> tuple = tuple(text, "syscall");
        String name = (String) tuple.get(0);
        try {
            return switch (name) {
                case "send" -> {
                    arity(tuple, 3, "[\"send\", target, {methargs, result}]");
                    yield new Syscall.Send(string(tuple.get(1), "target"), message(tuple.get(2)));
                }
                case "subscribe" -> {
                    arity(tuple, 2, "[\"subscribe\", promise]");
                    yield new Syscall.Subscribe(string(tuple.get(1), "promise"));
                }
                case "resolve" -> {
                    arity(tuple, 2, "[\"resolve\", [[promise, rejected, data], …]]");
                    yield new Syscall.Resolve(resolutions(tuple.get(1)));
                }
                case "exit" -> {
                    arity(tuple, 3, "[\"exit\", failure, info]");
                    yield new Syscall.Exit(bool(tuple.get(1), "failure"), capData(tuple.get(2), "info"));
                }
                case "dropImports" -> new Syscall.DropImports(vrefList(tuple, name));
                case "retireImports" -> new Syscall.RetireImports(vrefList(tuple, name));
                case "retireExports" -> new Syscall.RetireExports(vrefList(tuple, name));
                case "abandonExports" -> new Syscall.AbandonExports(vrefList(tuple, name));
                case "vatstoreGet" -> {
                    arity(tuple, 2, "[\"vatstoreGet\", key]");
                    yield new Syscall.VatstoreGet(string(tuple.get(1), "key"));
                }
                case "vatstoreSet" -> {
                    arity(tuple, 3, "[\"vatstoreSet\", key, value]");
                    yield new Syscall.VatstoreSet(string(tuple.get(1), "key"), string(tuple.get(2), "value"));
                }
                case "vatstoreDelete" -> {
                    arity(tuple, 2, "[\"vatstoreDelete\", key]");
                    yield new Syscall.VatstoreDelete(string(tuple.get(1), "key"));
                }
                case "vatstoreGetNextKey" -> {
                    arity(tuple, 2, "[\"vatstoreGetNextKey\", priorKey]");
                    yield new Syscall.VatstoreGetNextKey(string(tuple.get(1), "priorKey"));
                }
                default -> throw new ProtocolException("unknown syscall " + Vref.quote(name) + "; expected one of "
                        + SYSCALLS);
            };
        } catch (Shape problem) {
            throw problem.in(name.equals("message") ? "message delivery" : name); // as Delivery.Deliver says it
        }
    }

    static SyscallResult syscallResult(String text) {
        List<Object> tuple = tuple(text, "syscall result");
        String name = (String) tuple.get(0);
        try {
            return switch (name) {
                case "ok" -> {
                    arity(tuple, 2, "[\"ok\", value or null]");
                    Object value = tuple.get(1);
                    yield value == null ? SyscallResult.OK : new SyscallResult.Ok(string(value, "value"));
                }
                case "error" -> {
                    arity(tuple, 2, "[\"error\", problem]");
                    yield new SyscallResult.Failed(string(tuple.get(1), "problem"));
                }
                default -> throw new ProtocolException("unknown syscall result " + Vref.quote(name)
                        + "; expected ok or error");
            };
        } catch (Shape problem) {
            throw problem.in("syscall result " + name);
        }
    }

    static DeliveryResult deliveryResult(String text) {
        List<Object> tuple = tuple(text, "delivery result");
        String name = (String) tuple.get(0);
        try {
            return switch (name) {
                case "ok" -> {
                    arity(tuple, 2, "[\"ok\", null]");
                    if (tuple.get(1) != null) {
                        throw new Shape("the second element must be null, got " + Json.typeName(tuple.get(1)));
                    }
                    yield DeliveryResult.OK;
                }
                case "error" -> {
                    arity(tuple, 2, "[\"error\", problem]");
                    yield new DeliveryResult.Failed(string(tuple.get(1), "problem"));
                }
                default -> throw new ProtocolException("unknown delivery result " + Vref.quote(name)
                        + "; expected ok or error");
            };
        } catch (Shape problem) {
            throw problem.in("delivery result " + name);
        }
    }

    /** Parses the text and checks it is an array whose first element is a string: the name. */
    private static List<Object> tuple(String text, String what) {
        if (text == null) {
            throw new ProtocolException(what + " text is null");
        }
        Object tree;
        try {
            tree = Json.parse(text);
        } catch (MarshalException e) {
            throw new ProtocolException(what + " is not JSON: " + e.getMessage(), e);
        }
        if (!(tree instanceof List<?> list) || list.isEmpty() || !(list.getFirst() instanceof String)) {
            throw new ProtocolException("a " + what + " must be a JSON array starting with its name, got "
                    + (tree instanceof List<?> list && !list.isEmpty() ? "an array starting with " + Json.typeName(list.getFirst())
                            : Json.typeName(tree)));
        }
        @SuppressWarnings("unchecked")
        List<Object> tuple = (List<Object>) list;
        return tuple;
    }

    /** Checks the tuple has {@code expected} elements; {@code form} shows the right shape in the message. */
    private static void arity(List<Object> tuple, int expected, String form) {
        if (tuple.size() != expected) {
            throw new Shape("expected " + expected + " elements " + form + ", got " + tuple.size());
        }
    }

    private static List<String> vrefList(List<Object> tuple, String name) {
        if (tuple.size() != 2) {
            throw new Shape("expected 2 elements [\"" + name + "\", [vref, …]], got " + tuple.size());
        }
        List<?> items = array(tuple.get(1), "vrefs");
        List<String> vrefs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            vrefs.add(string(items.get(i), "vrefs[" + i + "]"));
        }
        return vrefs;
    }

    private static Message message(Object tree) {
        Map<String, Object> fields = object(tree, "message");
        onlyFields(fields, "message", "methargs", "result");
        CapData methargs = capData(required(fields, "message", "methargs"), "message.methargs");
        Object result = required(fields, "message", "result");
        try {
            return new Message(methargs, result == null ? null : string(result, "message.result"));
        } catch (ProtocolException e) {
            throw new Shape(e.getMessage()); // "message: …", which the caller prefixes with the tuple's name
        }
    }

    private static List<Resolution> resolutions(Object tree) {
        List<?> items = array(tree, "resolutions");
        List<Resolution> resolutions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = "resolutions[" + i + "]";
            List<?> triple = array(items.get(i), where);
            if (triple.size() != 3) {
                throw new Shape(where + " must be [promise, rejected, data], got " + triple.size() + " elements");
            }
            String promise = string(triple.get(0), where + ".promise");
            boolean rejected = bool(triple.get(1), where + ".rejected");
            CapData data = capData(triple.get(2), where + ".data");
            try {
                resolutions.add(new Resolution(promise, rejected, data));
            } catch (ProtocolException e) {
                throw new Shape(where + ": " + e.getMessage());
            }
        }
        return resolutions;
    }

    /** The {@link CapData#toJson} shape: exactly {@code body} (a string) and {@code slots} (strings). */
    private static CapData capData(Object tree, String field) {
        Map<String, Object> fields = object(tree, field);
        onlyFields(fields, field, "body", "slots");
        String body = string(required(fields, field, "body"), field + ".body");
        List<?> slotTree = array(required(fields, field, "slots"), field + ".slots");
        List<String> slots = new ArrayList<>(slotTree.size());
        for (int i = 0; i < slotTree.size(); i++) {
            slots.add(string(slotTree.get(i), field + ".slots[" + i + "]"));
        }
        return new CapData(body, slots);
    }

    private static void onlyFields(Map<String, Object> fields, String field, String first, String second) {
        for (String key : fields.keySet()) {
            if (!key.equals(first) && !key.equals(second)) {
                throw new Shape(field + " has an unknown field " + Vref.quote(key) + "; expected only \"" + first
                        + "\" and \"" + second + "\"");
            }
        }
    }

    private static Object required(Map<String, Object> fields, String field, String name) {
        if (!fields.containsKey(name)) {
            throw new Shape(field + " is missing its \"" + name + "\" field");
        }
        return fields.get(name);
    }

    private static String string(Object tree, String field) {
        if (tree instanceof String s) {
            return s;
        }
        throw new Shape(field + " must be a string, got " + Json.typeName(tree));
    }

    private static boolean bool(Object tree, String field) {
        if (tree instanceof Boolean b) {
            return b;
        }
        throw new Shape(field + " must be true or false, got " + Json.typeName(tree));
    }

    private static List<?> array(Object tree, String field) {
        if (tree instanceof List<?> list) {
            return list;
        }
        throw new Shape(field + " must be an array, got " + Json.typeName(tree));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object tree, String field) {
        if (tree instanceof Map<?, ?> map) {
            return (Map<String, Object>) map; // Json.parse makes only string keys
        }
        throw new Shape(field + " must be an object, got " + Json.typeName(tree));
    }


    /**
     * A wrong JSON shape found below the tuple's name; {@link #in} adds the name so the message reads
     * like the record constructors' own, e.g. {@code send: target must be a string, got a number}.
     */
    private static final class Shape extends RuntimeException {
        Shape(String detail) {
            super(detail, null, false, false);
        }

        ProtocolException in(String name) {
            return new ProtocolException(name + ": " + getMessage());
        }
    }
}
