package io.jocap.vat.powers;

import java.util.function.Consumer;

/** {@link VatLogger} writing each line to the sink the kernel gave the vat's {@link VatPowerSet}. */
final class SinkLogger implements VatLogger {
    private final PowerGate gate;
    private final Consumer<String> sink;

    SinkLogger(PowerGate gate, Consumer<String> sink) {
        this.gate = gate;
        this.sink = sink;
    }

    @Override
    public void info(String message) {
        write("INFO", message);
    }

    @Override
    public void warn(String message) {
        write("WARN", message);
    }

    @Override
    public void error(String message, Throwable error) {
        if (error == null) {
            write("ERROR", message);
        } else {
            String what = error.getMessage() == null ? error.getClass().getName()
                    : error.getClass().getName() + ": " + error.getMessage();
            write("ERROR", message + ": " + what);
        }
    }

    private void write(String level, String message) {
        gate.checkOpen();
        sink.accept("[" + gate.vatName() + "] " + level + " " + oneLine(String.valueOf(message)));
    }

    /** Escapes what a terminal or log file would take as a line break or control sequence. */
    static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> null; // harmless, and common in messages
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
