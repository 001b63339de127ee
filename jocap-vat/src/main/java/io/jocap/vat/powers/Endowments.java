package io.jocap.vat.powers;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The endowments granted to one vat by the cluster config: which powers it may use and, with
 * {@code "http"}, which hosts it may reach. The logger is always granted. Immutable; built with
 * {@link #parse}, which checks the config and explains what is wrong with it.
 */
public final class Endowments {
    private final String vatName;
    private final Set<Endowment> granted;
    private final AllowedHosts allowedHosts;

    private Endowments(String vatName, Set<Endowment> granted, AllowedHosts allowedHosts) {
        this.vatName = vatName;
        this.granted = granted;
        this.allowedHosts = allowedHosts;
    }

    /** Only the logger: what a vat gets when its config names no endowments. */
    public static Endowments loggerOnly(String vatName) {
        return parse(vatName, List.of(), List.of());
    }

    /**
     * The endowments of vat {@code vatName}: {@code names} from its {@code "endowments"} list (the
     * names of {@link Endowment}, case-sensitive; repeats are harmless) and {@code allowedHosts}
     * from its {@code network.allowedHosts} (see {@link AllowedHosts} for the entry syntax).
     * Either list may be null, meaning empty.
     *
     * @throws EndowmentException naming the vat, if a name is unknown, if {@code "http"} is granted
     *     without allowed hosts, if allowed hosts are given without {@code "http"} (they would do
     *     nothing, which is most likely a mistake), or if a host entry is malformed
     */
    public static Endowments parse(String vatName, List<String> names, List<String> allowedHosts) {
        Objects.requireNonNull(vatName, "vatName");
        EnumSet<Endowment> granted = EnumSet.of(Endowment.LOGGER);
        for (String name : names == null ? List.<String>of() : names) {
            granted.add(Endowment.byConfigName(name).orElseThrow(() -> unknown(vatName, name)));
        }
        AllowedHosts hosts = AllowedHosts.parse(vatName, allowedHosts);
        if (granted.contains(Endowment.HTTP) && hosts.isEmpty()) {
            throw new EndowmentException("vat " + vatName + ": the endowment \"http\" requires a non-empty"
                    + " network.allowedHosts listing the hosts the vat may reach (like \"api.example.com\""
                    + " or \"127.0.0.1:8080\")");
        }
        if (!granted.contains(Endowment.HTTP) && !hosts.isEmpty()) {
            throw new EndowmentException("vat " + vatName + ": network.allowedHosts is set but the vat is not"
                    + " granted the endowment \"http\", so no host would ever be reached: add \"http\" to its"
                    + " \"endowments\" or remove network.allowedHosts");
        }
        return new Endowments(vatName, Set.copyOf(granted), hosts);
    }

    /** The vat these endowments belong to. */
    public String vatName() {
        return vatName;
    }

    /** Whether {@code endowment} is granted (always true for {@link Endowment#LOGGER}). */
    public boolean grants(Endowment endowment) {
        return granted.contains(endowment);
    }

    /** Every endowment granted, the logger included. */
    public Set<Endowment> granted() {
        return granted;
    }

    /** The hosts {@code "http"} may reach; empty if it is not granted. */
    public AllowedHosts allowedHosts() {
        return allowedHosts;
    }

    @Override
    public String toString() {
        return "Endowments[" + vatName + ": " + granted.stream().map(Endowment::configName).sorted().toList()
                + (allowedHosts.isEmpty() ? "" : ", allowedHosts=" + allowedHosts.entries()) + "]";
    }

    private static EndowmentException unknown(String vatName, String name) {
        String known = Arrays.stream(Endowment.values())
                .map(e -> "\"" + e.configName() + "\"")
                .collect(Collectors.joining(", "));
        String shown = name == null ? "null" : "\"" + name + "\"";
        return new EndowmentException("vat " + vatName + ": unknown endowment " + shown + "; the known endowments are "
                + known);
    }
}
