package io.jocap.cli.capdata;

import io.jocap.cli.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads JSON lines from files (or standard input for {@code -} or no file) and hands each line,
 * with where it came from, to a visitor. Reading goes on after a line the visitor finds bad.
 */
final class CapDataLines {
    /** Where one line came from: the source's display name and the 1-based line number. */
    record Origin(String source, long lineNumber) {}

    interface Visitor {
        void line(Origin origin, String text);
    }

    private CapDataLines() {}

    static void read(List<Path> files, java.io.InputStream stdin, Visitor visitor) {
        if (files.isEmpty()) {
            readStream("<stdin>", stdin, visitor);
            return;
        }
        for (Path file : files) {
            if (file.toString().equals("-")) {
                readStream("<stdin>", stdin, visitor);
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                readLines(file.toString(), in, visitor);
            } catch (NoSuchFileException e) {
                throw new UserInputException("no such file: " + file);
            } catch (IOException | UncheckedIOException e) {
                throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static void readStream(String name, java.io.InputStream stream, Visitor visitor) {
        try {
            readLines(name, new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), visitor);
        } catch (IOException e) {
            throw new UserInputException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static void readLines(String name, BufferedReader in, Visitor visitor) throws IOException {
        long n = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            visitor.line(new Origin(name, ++n), text);
        }
    }
}
