// A vat that makes HTTP requests with the "http" endowment.
//
// A vat has no network access of its own: its config must grant the endowment
// ("endowments": ["http"]) and list the hosts it may reach ("network": {"allowedHosts": [...]}).
// A URL's host must equal an entry exactly: "127.0.0.1" allows http://127.0.0.1:8080/ (any port,
// http or https) but not http://localhost:8080/, although both name this machine, and an entry
// "example.com" would not allow "www.example.com" either (no subdomains, no suffixes). A request
// to any other host is never made: its promise is rejected with "Invalid host: <host>". Redirects
// are not followed, since they could lead to another host.
//
// Run it against a local server (from the repository's root):
//   jwebserver --bind-address 127.0.0.1 --port 8080 --directory "$PWD/examples/http" &
//   ./jocap run examples/http/http.json
// and fetch another URL with `./jocap send ko1 fetch '"http://127.0.0.1:8080/"' --db .jocap/http.db`.
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import io.jocap.vat.powers.HttpEndowment;
import io.jocap.vat.powers.HttpResult;
import java.util.List;
import java.util.Map;

public final class Fetcher implements Vat {
    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        // Throws, failing the vat's start with a clear message, if the config did not grant "http".
        HttpEndowment http = powers.http();
        // The URL `jocap run` fetches, from the config (parameters are fixed when the cluster is
        // first launched; run with --reset after changing them).
        String url = (String) parameters.getOrDefault("url", "http://127.0.0.1:8080/");
        return new Root(http, url);
    }

    /**
     * What {@code fetch} answers: the status, the body's length in characters and the body, cut
     * after 200 characters. A map with string keys reaches the caller as a record.
     */
    static Map<String, Object> page(HttpResult result) {
        String body = result.body();
        return Map.of("status", result.status(), "length", body.length(),
                "body", body.length() <= 200 ? body : body.substring(0, 200) + "…");
    }

    public static final class Root implements Far {
        private final HttpEndowment http;
        private final String url;

        Root(HttpEndowment http, String url) {
            this.http = http;
            this.url = url;
        }

        /**
         * GETs {@code url}. The answer is a promise: the response arrives later, between
         * deliveries, as a turn of its own. Any status is an answer; the promise is rejected if
         * the host is not allowed ("Invalid host: …") or no response came (connection refused,
         * timeout).
         */
        public VatPromise<Map<String, Object>> fetch(String url) {
            return http.get(url).then(Fetcher::page);
        }

        /**
         * Called by `jocap run`: fetches the configured URL, and tries a host that is not on the
         * list to show the refusal.
         */
        public VatPromise<Object> bootstrap(Map<String, Object> vats, Map<String, Object> services) {
            VatPromise<Map<String, Object>> fetched = fetch(url);
            // Refused before any request is made; the rejection is turned into its message.
            VatPromise<Object> refused = fetch("http://example.com/").then(page -> "not refused?", Throwable::getMessage);
            return VatPromises.<Object>all(List.of(fetched, refused))
                    .then(both -> Map.of("fetched", both.get(0), "refused", both.get(1)));
        }
    }
}
