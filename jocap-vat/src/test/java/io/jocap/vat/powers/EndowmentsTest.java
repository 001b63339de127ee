package io.jocap.vat.powers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndowmentsTest {
    @Test
    void grantsTheNamedEndowmentsAndAlwaysTheLogger() {
        Endowments e = Endowments.parse("alice", List.of("timers", "clock", "timers"), null);
        assertThat(e.vatName()).isEqualTo("alice");
        assertThat(e.granted()).containsExactlyInAnyOrder(Endowment.LOGGER, Endowment.TIMERS, Endowment.CLOCK);
        assertThat(e.grants(Endowment.RANDOM)).isFalse();
        assertThat(e.grants(Endowment.HTTP)).isFalse();
        assertThat(e.allowedHosts().isEmpty()).isTrue();
    }

    @Test
    void nullListsMeanNothingButTheLogger() {
        assertThat(Endowments.parse("alice", null, null).granted()).containsExactly(Endowment.LOGGER);
        assertThat(Endowments.loggerOnly("bob").granted()).containsExactly(Endowment.LOGGER);
        assertThat(Endowments.parse("alice", List.of("logger"), List.of()).granted()).containsExactly(Endowment.LOGGER);
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Endowments.parse("alice", List.of("clock", "Timers"), null))
                .isInstanceOf(EndowmentException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vat alice: unknown endowment \"Timers\"; the known endowments are"
                        + " \"logger\", \"timers\", \"clock\", \"random\", \"http\"");
        assertThatThrownBy(() -> Endowments.parse("alice", Arrays.asList("clock", null), null))
                .isInstanceOf(EndowmentException.class)
                .hasMessageStartingWith("vat alice: unknown endowment null; the known endowments are");
    }

    @Test
    void httpNeedsAllowedHosts() {
        for (List<String> none : Arrays.asList(null, List.<String>of())) {
            assertThatThrownBy(() -> Endowments.parse("alice", List.of("http"), none))
                    .isInstanceOf(EndowmentException.class)
                    .hasMessage("vat alice: the endowment \"http\" requires a non-empty network.allowedHosts"
                            + " listing the hosts the vat may reach (like \"api.example.com\" or \"127.0.0.1:8080\")");
        }
    }

    @Test
    void allowedHostsWithoutHttpAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Endowments.parse("alice", List.of("clock"), List.of("example.com")))
                .isInstanceOf(EndowmentException.class)
                .hasMessage("vat alice: network.allowedHosts is set but the vat is not granted the endowment"
                        + " \"http\", so no host would ever be reached: add \"http\" to its \"endowments\""
                        + " or remove network.allowedHosts");
    }

    @Test
    void hostEntriesAreNormalizedToLowerCase() {
        Endowments e = Endowments.parse("alice", List.of("http"),
                List.of("API.Example.com", "127.0.0.1:8080", "[::1]", "[::1]:9000"));
        assertThat(e.grants(Endowment.HTTP)).isTrue();
        assertThat(e.allowedHosts().entries())
                .containsExactly("api.example.com", "127.0.0.1:8080", "[::1]", "[::1]:9000");
    }

    @Test
    void malformedHostEntriesAreRefusedNamingTheEntry() {
        assertBadHost("", "it is empty");
        assertBadHost("   ", "it is empty");
        assertBadHost("exa mple.com", "it must not contain spaces");
        assertBadHost("https://example.com", "it must not have a scheme: list the host alone, like \"example.com\"");
        assertBadHost("example.com/api", "it must not have a path: list the host alone, like \"example.com\"");
        assertBadHost("example.com?x", "it must not have a path: list the host alone, like \"example.com\"");
        assertBadHost("me@example.com", "it must not have user info: list the host alone, like \"example.com\"");
        assertBadHost("*.example.com", "wildcards are not supported: list every host exactly");
        assertBadHost("example.com:", "the port must be a number from 1 to 65535");
        assertBadHost("example.com:http", "the port must be a number from 1 to 65535");
        assertBadHost("example.com:0", "the port must be a number from 1 to 65535");
        assertBadHost("example.com:65536", "the port must be a number from 1 to 65535");
        assertBadHost("::1", "an IPv6 address must be in brackets, like \"[::1]\"");
        assertBadHost("[::1", "an IPv6 address needs a closing \"]\"");
        assertBadHost("[::1]8080", "only \":port\" may follow an IPv6 address");
        assertBadHost("[example.com]", "\"[example.com]\" is not an IPv6 address");
        String nameRule = "is not a valid host name (ASCII letters, digits, '-' and '.' only;"
                + " write internationalized names in their xn-- form)";
        assertBadHost("exa_mple.com", "\"exa_mple.com\" " + nameRule);
        assertBadHost("example..com", "\"example..com\" " + nameRule);
        assertBadHost("-example.com", "\"-example.com\" " + nameRule);
        assertBadHost("bücher.de", "\"bücher.de\" " + nameRule);
        assertBadHost(":8080", "\"\" " + nameRule);
        assertThatThrownBy(() -> Endowments.parse("alice", List.of("http"), Arrays.asList("example.com", null)))
                .isInstanceOf(EndowmentException.class)
                .hasMessage("vat alice: invalid entry null in network.allowedHosts: it is empty");
    }

    private static void assertBadHost(String entry, String why) {
        assertThatThrownBy(() -> Endowments.parse("alice", List.of("http"), List.of("ok.example", entry)))
                .isInstanceOf(EndowmentException.class)
                .hasMessage("vat alice: invalid entry \"" + entry + "\" in network.allowedHosts: " + why);
    }

    @Test
    void hostsMatchExactlyIgnoringCase() {
        AllowedHosts hosts = AllowedHosts.parse("alice", List.of("example.com"));
        assertThat(hosts.permits("example.com", 443)).isTrue();
        assertThat(hosts.permits("EXAMPLE.com", 80)).isTrue();
        assertThat(hosts.permits("example.com", 8443)).as("no port in the entry: any port").isTrue();
        assertThat(hosts.permits("api.example.com", 443)).as("no subdomains").isFalse();
        assertThat(hosts.permits("example.com.evil.org", 443)).as("no prefix matching").isFalse();
        assertThat(hosts.permits("evilexample.com", 443)).as("no suffix matching").isFalse();
        assertThat(hosts.permits("example.co", 443)).isFalse();
    }

    @Test
    void anEntryWithAPortAllowsThatPortOnly() {
        AllowedHosts hosts = AllowedHosts.parse("alice", List.of("127.0.0.1:8080", "[::1]:443"));
        assertThat(hosts.permits("127.0.0.1", 8080)).isTrue();
        assertThat(hosts.permits("127.0.0.1", 80)).isFalse();
        assertThat(hosts.lists("127.0.0.1")).isTrue();
        assertThat(hosts.permits("[::1]", 443)).isTrue();
        assertThat(hosts.permits("[::1]", 80)).isFalse();
        assertThat(hosts.lists("localhost")).isFalse();
    }
}
