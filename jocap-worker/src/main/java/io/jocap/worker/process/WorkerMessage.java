package io.jocap.worker.process;

import io.jocap.marshal.Json;
import io.jocap.marshal.JsonText;
import io.jocap.marshal.MarshalException;
import io.jocap.protocol.Delivery;
import io.jocap.protocol.DeliveryResult;
import io.jocap.protocol.ProtocolException;
import io.jocap.protocol.Syscall;
import io.jocap.protocol.SyscallResult;
import io.jocap.protocol.VatProtocolJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What travels in one frame of the worker pipe, each way (see {@code docs/worker-protocol.md}).
 * Each message is a JSON array, its kind first; vat-protocol records inside it are in the JSON form
 * of {@link VatProtocolJson}.
 *
 * <pre>
 * kernel → worker                                  worker → kernel
 *   ["start", {"vatId", "name", "config",            ["ready"]
 *              "classCheck"}]                        ["startFailed", reason]
 *   ["deliver", delivery]                            ["syscall", syscall, wantsAnswer]
 *   ["turn"]                                         ["done", deliveryResult]
 *   ["answer", syscallResult]                        ["wantTurn"]
 *                                                    ["log", line]
 * </pre>
 *
 * Reading is strict and total: any other text is a {@link ProtocolException} saying what is wrong.
 */
sealed interface WorkerMessage {
    /** Kernel → worker. */
    sealed interface ToWorker extends WorkerMessage {}

    /** Worker → kernel. */
    sealed interface FromWorker extends WorkerMessage {}

    /**
     * The first frame: which vat to run. {@code config} is the vat's config JSON ({@code
     * VatConfig.toJson()}) with absolute paths; {@code classCheck} names the class whose instance
     * checks the vat's classes (null: none).
     */
    record Start(String vatId, String name, String config, String classCheck) implements ToWorker {
        public Start {
            Objects.requireNonNull(vatId, "vatId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }

    /** Handle this delivery, then answer {@link Done}. */
    record Deliver(Delivery delivery) implements ToWorker {
        public Deliver {
            Objects.requireNonNull(delivery, "delivery");
        }
    }

    /** The kernel grants the external turn the worker asked for: run the queued work, then answer {@link Done}. */
    record RunTurn() implements ToWorker {}

    /** The answer to the {@link MakeSyscall} that wanted one. */
    record Answer(SyscallResult result) implements ToWorker {
        public Answer {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The vat is loaded and its runtime made: deliveries may come. */
    record Ready() implements FromWorker {}

    /** The vat could not be loaded; the worker exits after this. */
    record StartFailed(String reason) implements FromWorker {
        public StartFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A syscall of the current turn; if {@code wantsAnswer}, the worker waits for an {@link Answer}. */
    record MakeSyscall(Syscall syscall, boolean wantsAnswer) implements FromWorker {
        public MakeSyscall {
            Objects.requireNonNull(syscall, "syscall");
        }
    }

    /** The current turn is over (the vat is quiescent). */
    record Done(DeliveryResult result) implements FromWorker {
        public Done {
            Objects.requireNonNull(result, "result");
        }
    }

    /** A timer fired or I/O completed: the worker asks for an external turn. */
    record WantTurn() implements FromWorker {}

    /** A line of the vat's log. */
    record Log(String line) implements FromWorker {
        public Log {
            Objects.requireNonNull(line, "line");
        }
    }

    /** The message's JSON text. */
    static String write(WorkerMessage message) {
        StringBuilder out = new StringBuilder(64);
        switch (message) {
            case Start s -> {
                out.append("[\"start\",{\"vatId\":");
                JsonText.appendQuoted(out, s.vatId());
                out.append(",\"name\":");
                JsonText.appendQuoted(out, s.name());
                out.append(",\"config\":");
                JsonText.appendQuoted(out, s.config());
                out.append(",\"classCheck\":").append(JsonText.quote(s.classCheck())).append("}");
            }
            case Deliver d -> out.append("[\"deliver\",").append(VatProtocolJson.write(d.delivery()));
            case RunTurn t -> out.append("[\"turn\"");
            case Answer a -> out.append("[\"answer\",").append(VatProtocolJson.write(a.result()));
            case Ready r -> out.append("[\"ready\"");
            case StartFailed f -> {
                out.append("[\"startFailed\",");
                JsonText.appendQuoted(out, f.reason());
            }
            case MakeSyscall s -> out.append("[\"syscall\",").append(VatProtocolJson.write(s.syscall()))
                    .append(',').append(s.wantsAnswer());
            case Done d -> out.append("[\"done\",").append(VatProtocolJson.write(d.result()));
            case WantTurn w -> out.append("[\"wantTurn\"");
            case Log l -> {
                out.append("[\"log\",");
                JsonText.appendQuoted(out, l.line());
            }
        }
        return out.append(']').toString();
    }

    /** Reads a kernel → worker message. */
    static ToWorker readToWorker(String text) {
        List<Object> tuple = tuple(text);
        String kind = (String) tuple.getFirst();
        return switch (kind) {
            case "start" -> {
                arity(tuple, 2, "[\"start\", {vatId, name, config, classCheck}]");
                if (!(tuple.get(1) instanceof Map<?, ?> fields)) {
                    throw new ProtocolException("start: expected an object, got " + Json.typeName(tuple.get(1)));
                }
                if (!fields.keySet().equals(java.util.Set.of("vatId", "name", "config", "classCheck"))) {
                    throw new ProtocolException("start: expected exactly the fields vatId, name, config and classCheck, got "
                            + fields.keySet());
                }
                Object check = fields.get("classCheck");
                if (check != null && !(check instanceof String)) {
                    throw new ProtocolException("start: classCheck must be a string or null, got " + Json.typeName(check));
                }
                yield new Start(string(fields.get("vatId"), "start", "vatId"), string(fields.get("name"), "start", "name"),
                        string(fields.get("config"), "start", "config"), (String) check);
            }
            case "deliver" -> {
                arity(tuple, 2, "[\"deliver\", delivery]");
                yield new Deliver(VatProtocolJson.readDelivery(Json.write(tuple.get(1))));
            }
            case "turn" -> {
                arity(tuple, 1, "[\"turn\"]");
                yield new RunTurn();
            }
            case "answer" -> {
                arity(tuple, 2, "[\"answer\", syscallResult]");
                yield new Answer(VatProtocolJson.readSyscallResult(Json.write(tuple.get(1))));
            }
            default -> throw new ProtocolException("unknown message " + JsonText.quote(kind)
                    + " for a worker; expected one of start, deliver, turn, answer");
        };
    }

    /** Reads a worker → kernel message. */
    static FromWorker readFromWorker(String text) {
        List<Object> tuple = tuple(text);
        String kind = (String) tuple.getFirst();
        return switch (kind) {
            case "ready" -> {
                arity(tuple, 1, "[\"ready\"]");
                yield new Ready();
            }
            case "startFailed" -> {
                arity(tuple, 2, "[\"startFailed\", reason]");
                yield new StartFailed(string(tuple.get(1), kind, "reason"));
            }
            case "syscall" -> {
                arity(tuple, 3, "[\"syscall\", syscall, wantsAnswer]");
                if (!(tuple.get(2) instanceof Boolean wants)) {
                    throw new ProtocolException("syscall: wantsAnswer must be a boolean, got " + Json.typeName(tuple.get(2)));
                }
                yield new MakeSyscall(VatProtocolJson.readSyscall(Json.write(tuple.get(1))), wants);
            }
            case "done" -> {
                arity(tuple, 2, "[\"done\", deliveryResult]");
                yield new Done(VatProtocolJson.readDeliveryResult(Json.write(tuple.get(1))));
            }
            case "wantTurn" -> {
                arity(tuple, 1, "[\"wantTurn\"]");
                yield new WantTurn();
            }
            case "log" -> {
                arity(tuple, 2, "[\"log\", line]");
                yield new Log(string(tuple.get(1), kind, "line"));
            }
            default -> throw new ProtocolException("unknown message " + JsonText.quote(kind)
                    + " from a worker; expected one of ready, startFailed, syscall, done, wantTurn, log");
        };
    }

    private static List<Object> tuple(String text) {
        Object tree;
        try {
            tree = Json.parse(text);
        } catch (MarshalException e) {
            throw new ProtocolException("a worker message that is not JSON: " + e.getMessage());
        }
        if (!(tree instanceof List<?> list) || list.isEmpty() || !(list.getFirst() instanceof String)) {
            throw new ProtocolException("a worker message is a JSON array whose first element is its kind, got "
                    + (tree instanceof List<?> ? "an array without a kind" : Json.typeName(tree)));
        }
        @SuppressWarnings("unchecked")
        List<Object> tuple = (List<Object>) list;
        return tuple;
    }

    private static void arity(List<Object> tuple, int size, String shape) {
        if (tuple.size() != size) {
            throw new ProtocolException(tuple.getFirst() + ": expected " + shape + ", got " + tuple.size() + " elements");
        }
    }

    private static String string(Object value, String kind, String field) {
        if (!(value instanceof String s)) {
            throw new ProtocolException(kind + ": " + field + " must be a string, got " + Json.typeName(value));
        }
        return s;
    }
}
