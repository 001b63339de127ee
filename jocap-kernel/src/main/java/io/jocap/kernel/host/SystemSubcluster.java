package io.jocap.kernel.host;

import io.jocap.kernel.config.ClusterConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A system subcluster, declared by the host each time the kernel starts (see
 * {@link Kernel#declareSystemSubclusters}): launched the first time, restored by name afterwards,
 * and the only kind of subcluster that may be given {@code systemOnly} services such as the
 * kernel facet.
 *
 * @param name its name, unique among all subclusters
 * @param config its cluster config
 * @param baseDir the directory relative paths in {@code config} are taken from
 */
public record SystemSubcluster(String name, ClusterConfig config, Path baseDir) {
    public SystemSubcluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(baseDir, "baseDir");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a system subcluster needs a non-blank name");
        }
    }

    /**
     * What {@link Kernel#declareSystemSubclusters} did.
     *
     * @param restored the declared system subclusters that were there already (their vats were
     *     brought back when the kernel opened; nothing was sent to them)
     * @param launched the declared system subclusters launched now, each with its bootstrap
     *     vat's answer to {@code bootstrap(vats, services)} (null if it names no bootstrap vat)
     * @param terminated the system subclusters of an earlier run no longer declared, now terminated
     */
    public record Declared(List<String> restored, Map<String, Object> launched, List<String> terminated) {
        public Declared {
            restored = List.copyOf(restored);
            launched = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(launched));
            terminated = List.copyOf(terminated);
        }
    }
}
