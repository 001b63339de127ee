/**
 * Cluster configs: which vats a kernel launches together as a subcluster, where their code is,
 * and what each is given. The format is described, with a full example, in {@code
 * docs/cluster-config.md}.
 *
 * <p>For callers: {@link io.jocap.kernel.config.ClusterConfigParser} reads a config from JSON
 * text or a file into a {@link io.jocap.kernel.config.ClusterConfig} of {@link
 * io.jocap.kernel.config.VatConfig}s, each with its {@link io.jocap.kernel.config.VatCode} and
 * {@link io.jocap.kernel.config.WorkerKind}. Reading is strict (an unknown field is an error)
 * and reports every problem at once, a line each, in a {@link
 * io.jocap.kernel.config.ConfigException}. The records are immutable and always valid, and
 * {@code toJson()} writes them back as canonical JSON that reads back equal, which is how the
 * kernel keeps a subcluster's config in its store.
 *
 * <h2>Implementation overview</h2>
 *
 * {@link io.jocap.marshal.Json} turns the text into a tree of maps and lists; {@code
 * ClusterConfigReader} walks the top level and {@code VatConfigReader} each vat, both through
 * {@code ObjectFields}, which reports unknown members (with {@code Suggestion}'s "did you mean")
 * and members of the wrong type, and returns {@code null} for them so the walk goes on. Problems
 * are collected in {@code Problems} at a {@code ConfigPath} and thrown together at the end; the
 * records are built only from parts that had no problem. {@code ConfigRules} holds the rules
 * shared by the readers and the records' constructors (names, class names, lists of names, path
 * resolution), {@code Parameters} copies a vat's parameters deeply, {@code ConfigJson} builds the
 * canonical tree for {@code toJson()}, and {@code Quote} formats values inside messages so that a
 * problem always fits on one line.
 */
package io.jocap.kernel.config;
