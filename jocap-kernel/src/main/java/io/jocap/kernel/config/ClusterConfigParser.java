package io.jocap.kernel.config;

import io.jocap.marshal.Json;
import io.jocap.marshal.MarshalException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads cluster configs, strictly: every rule of {@code docs/cluster-config.md} is checked, an
 * unknown field is an error (with a "did you mean" when a known field is close), and all problems
 * are reported together in one {@link ConfigException}, a line each.
 *
 * <p>Relative paths in a config are resolved against a base directory, the config file's own
 * directory when it is read from a file. Nothing is checked on the file system: whether the files
 * exist is for the launcher to say. Nor are endowment or host names checked beyond being distinct
 * and non-empty: the vat runtime knows which there are.
 *
 * <p>Thread-safe: all methods are static and keep no state.
 */
public final class ClusterConfigParser {
    /** The reader's own wording of a position, which we turn into a line and column. */
    private static final Pattern READER_POSITION = Pattern.compile(" at JSON position (\\d+)$");

    private ClusterConfigParser() {}

    /**
     * Reads the cluster config in {@code json}.
     *
     * @param baseDir the directory relative paths in the config are taken from; a relative one is
     *     taken from the current directory
     * @throws ConfigException listing every problem: malformed JSON (one problem, with the
     *     position), or each broken rule
     */
    public static ClusterConfig parse(String json, Path baseDir) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(baseDir, "baseDir");
        return ClusterConfigReader.read(jsonTree(json, ConfigPath.ROOT), baseDir);
    }

    /**
     * Reads the cluster config in {@code file}, UTF-8 text (a leading byte order mark is allowed);
     * relative paths in it are taken from the file's directory.
     *
     * @throws ConfigException as {@link #parse(String, Path)} does, or with one problem naming the
     *     file and the reason if it cannot be read
     */
    public static ClusterConfig parse(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(shown(file) + ": cannot read the cluster config: " + reason(e));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // some editors start UTF-8 files with a BOM; JSON does not allow one
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    /**
     * Reads the config of one vat named {@code name}, as {@link VatConfig#toJson()} writes it: the
     * value of that vat's member of {@code vats} in a cluster config, checked by the same rules,
     * with problems at the same paths ({@code vats.<name>...}).
     *
     * @throws ConfigException listing every problem, the name's included
     */
    public static VatConfig parseVat(String json, String name, Path baseDir) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseDir, "baseDir");
        ConfigPath at = ConfigPath.ROOT.field("vats").field(name);
        Object tree = jsonTree(json, at);
        Problems problems = new Problems();
        VatConfig vat = new VatConfigReader(baseDir, problems).read(name, tree, at);
        problems.throwIfAny();
        return vat;
    }

    private static Object jsonTree(String json, ConfigPath at) {
        try {
            return Json.parse(json);
        } catch (MarshalException e) {
            throw new ConfigException(at + ": " + syntaxProblem(json, e.getMessage()));
        }
    }

    /**
     * The reader's message, reworded a little: "not valid JSON" rather than "JSON is not valid
     * JSON", and the position also as a line and column, which is what an editor shows. Should the
     * reader's wording change, its message is kept as it is.
     */
    static String syntaxProblem(String json, String message) {
        String problem = message.replaceFirst("^JSON is not valid JSON: ", "not valid JSON: ");
        Matcher position = READER_POSITION.matcher(problem);
        if (!position.find()) {
            return problem;
        }
        int offset = Integer.parseInt(position.group(1));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < json.length(); i++) {
            if (json.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return problem.substring(0, position.start()) + " at position " + offset + " (line " + line + ", column "
                + (offset - lineStart + 1) + ")";
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException _ -> "no such file";
            case AccessDeniedException _ -> "permission denied";
            case CharacterCodingException _ -> "not UTF-8 text";
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    /** A file name for a message: as given, or as a JSON string if it would break the line. */
    private static String shown(Path file) {
        String name = file.toString();
        return name.chars().anyMatch(c -> c < 0x20) ? Quote.of(name) : name;
    }
}
