package io.jocap.vat.powers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts a vat's {@link HttpEndowment} may reach, from {@code network.allowedHosts} in the
 * cluster config.
 *
 * <p>An entry is a host name or IP address, optionally followed by {@code :port}: {@code
 * "api.example.com"}, {@code "127.0.0.1:8080"}, {@code "[::1]"}. Entries are lower-cased. A host
 * matches an entry only if it is the same text, ignoring case: there is no subdomain, suffix or
 * wildcard matching ({@code "example.com"} allows neither {@code "api.example.com"} nor {@code
 * "example.com.evil.org"}), and no name resolution (an IP address and a name that resolves to it
 * are different hosts, as are two spellings of one IPv6 address). An entry without a port allows
 * every port of its host; one with a port allows that port only, where a URL without a port means
 * the scheme's default (80 for http, 443 for https).
 *
 * <p>Instances are immutable.
 */
public final class AllowedHosts {
    private static final int ANY_PORT = -1;

    /** One parsed entry; {@code host} is lower-case, IPv6 addresses keep their brackets. */
    private record Rule(String host, int port) {
        @Override
        public String toString() {
            return port == ANY_PORT ? host : host + ":" + port;
        }
    }

    private static final AllowedHosts NONE = new AllowedHosts(List.of());

    private final List<Rule> rules;

    private AllowedHosts(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No host at all. */
    public static AllowedHosts none() {
        return NONE;
    }

    /**
     * Parses the {@code network.allowedHosts} of vat {@code vatName}; {@code null} means none.
     *
     * @throws EndowmentException naming the vat and the first malformed entry, with the reason
     */
    public static AllowedHosts parse(String vatName, List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>(entries.size());
        for (String entry : entries) {
            rules.add(parseEntry(vatName, entry));
        }
        return new AllowedHosts(rules);
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The entries, normalized (lower-case), in config order. */
    public List<String> entries() {
        return rules.stream().map(Rule::toString).toList();
    }

    /**
     * Whether a request to {@code host} (as {@link java.net.URI#getHost()} gives it, compared
     * ignoring case) on {@code port} (the actual port, the scheme's default filled in) is allowed.
     */
    public boolean permits(String host, int port) {
        String wanted = host.toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.host.equals(wanted) && (rule.port == ANY_PORT || rule.port == port)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some entry names {@code host} (ignoring case), whatever port it allows. */
    public boolean lists(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        return rules.stream().anyMatch(rule -> rule.host.equals(wanted));
    }

    @Override
    public String toString() {
        return rules.toString();
    }

    // The checks below reject what someone might plausibly write instead of a host (a URL, a
    // wildcard, a bare IPv6 address) with a message saying so, then check the host's characters.
    private static Rule parseEntry(String vatName, String entry) {
        if (entry == null || entry.isBlank()) {
            throw invalid(vatName, entry, "it is empty");
        }
        if (entry.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(vatName, entry, "it must not contain spaces");
        }
        if (entry.contains("://")) {
            throw invalid(vatName, entry, "it must not have a scheme: list the host alone, like \"example.com\"");
        }
        if (entry.chars().anyMatch(c -> c == '/' || c == '?' || c == '#')) {
            throw invalid(vatName, entry, "it must not have a path: list the host alone, like \"example.com\"");
        }
        if (entry.indexOf('@') >= 0) {
            throw invalid(vatName, entry, "it must not have user info: list the host alone, like \"example.com\"");
        }
        if (entry.indexOf('*') >= 0) {
            throw invalid(vatName, entry, "wildcards are not supported: list every host exactly");
        }
        String text = entry.toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(vatName, entry, "an IPv6 address needs a closing \"]\"");
            }
            host = text.substring(0, close + 1);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(vatName, entry, "only \":port\" may follow an IPv6 address");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
            if (!isIpv6Literal(host)) {
                throw invalid(vatName, entry, "\"" + host + "\" is not an IPv6 address");
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw invalid(vatName, entry, "an IPv6 address must be in brackets, like \"[::1]\"");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
            if (!isHostName(host)) {
                throw invalid(vatName, entry,
                        "\"" + host + "\" is not a valid host name (ASCII letters, digits, '-' and '.' only;"
                                + " write internationalized names in their xn-- form)");
            }
        }
        return new Rule(host, port == null ? ANY_PORT : parsePort(vatName, entry, port));
    }

    private static int parsePort(String vatName, String entry, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(vatName, entry, "the port must be a number from 1 to 65535");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw invalid(vatName, entry, "the port must be a number from 1 to 65535");
        }
        return value;
    }

    /** Dot-separated labels of ASCII letters, digits and inner hyphens (this also covers IPv4). */
    private static boolean isHostName(String host) {
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            if (!label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Brackets around hex digits, colons and dots (a light check; the URL parser has the last word). */
    private static boolean isIpv6Literal(String bracketed) {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        return inner.indexOf(':') >= 0
                && inner.chars().allMatch(c -> isHexDigit(c) || c == ':' || c == '.');
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static EndowmentException invalid(String vatName, String entry, String why) {
        String shown = entry == null ? "null" : "\"" + entry + "\"";
        return new EndowmentException(
                "vat " + vatName + ": invalid entry " + shown + " in network.allowedHosts: " + why);
    }
}
