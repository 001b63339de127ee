package io.jocap.vat.powers;

import io.jocap.vat.VatException;
import io.jocap.vat.VatPromise;
import io.jocap.vat.VatPromises;
import io.jocap.vat.VatResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HttpEndowment} of one vat: a JDK {@link HttpClient} of its own, behind an allow-list
 * check.
 *
 * <p>The URL is parsed once into a {@link URI}, the host check is made on that URI's host, and
 * the very same URI is what the client connects to, so the check and the connection cannot
 * disagree about the host (as they could if the string were parsed twice, by two parsers). The
 * client never follows redirects, and it refuses restricted headers such as {@code Host} by
 * default, so the request goes to the checked host and nowhere else. Completions arrive on the
 * client's threads and are handed to the vat's loop with {@code loop.post} (a turn of its own, or, under a worker, a kernel-granted turn).
 */
final class AllowListHttp implements HttpEndowment {
    private final PowerGate gate;
    private final AllowedHosts allowed;
    private final Duration timeout;
    private final HttpClient client;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    AllowListHttp(PowerGate gate, AllowedHosts allowed, Duration timeout) {
        this.gate = gate;
        this.allowed = allowed;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public VatPromise<HttpResult> get(String url) {
        return request("GET", url, Map.of(), null);
    }

    @Override
    public VatPromise<HttpResult> request(String method, String url, Map<String, String> headers, String body) {
        gate.checkOpenOnLoop("http.request");
        VatResolver<HttpResult> resolver = VatPromises.kit();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = client.sendAsync(buildRequest(method, url, headers, body), HttpResponse.BodyHandlers.ofString());
        } catch (VatException refused) {
            resolver.reject(refused);
            return resolver.promise();
        } catch (RuntimeException clientRefused) {
            resolver.reject(failed(method, url, clientRefused.toString(), clientRefused));
            return resolver.promise();
        }
        inFlight.add(sent);
        sent.whenComplete((response, failure) -> {
            inFlight.remove(sent);
            deliver(resolver, method, url, response, failure);
        });
        // close() may have run on another thread since the gate check and missed this request.
        if (gate.isStopped()) {
            sent.cancel(true);
        }
        return resolver.promise();
    }

    /** Cancels the requests in flight and shuts the client down; called when the vat stops. */
    void close() {
        for (CompletableFuture<?> request : inFlight) {
            request.cancel(true);
        }
        client.shutdownNow();
    }

    /** How many requests are waiting for a response (for tests). */
    int inFlightCount() {
        return inFlight.size();
    }

    /** @throws VatException saying why no request may be made */
    private HttpRequest buildRequest(String method, String url, Map<String, String> headers, String body) {
        URI uri = checkedUri(url);
        if (method == null) {
            throw new VatException("Invalid request to " + url + ": the method is null");
        }
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
            if (headers != null) {
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    if (header.getKey() == null || header.getValue() == null) {
                        throw new VatException("Invalid request to " + url + ": null header name or value");
                    }
                    builder.header(header.getKey(), header.getValue());
                }
            }
            builder.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            return builder.build();
        } catch (IllegalArgumentException invalid) {
            // A bad method or header name, a restricted header, a port out of range.
            throw new VatException("Invalid request to " + url + ": " + invalid.getMessage());
        }
    }

    /**
     * The URL as a URI the vat may request.
     *
     * @throws VatException "Invalid host: " followed by the host (not allowed), host:port (the host
     *     is allowed on other ports only), or the URL as given (unparsable, not http or https, no
     *     host, user info)
     */
    private URI checkedUri(String url) {
        URI uri;
        try {
            uri = new URI(String.valueOf(url));
        } catch (URISyntaxException malformed) {
            throw invalidHost(url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalidHost(url);
        }
        String host = uri.getHost();
        if (host == null) {
            throw invalidHost(url);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!allowed.permits(host, port)) {
            throw invalidHost(allowed.lists(host) ? host + ":" + port : host);
        }
        // Checked after the host, so "http://allowed.com@evil.org/" is reported as evil.org. With
        // an allowed host it is only confusing (the client would not send it as credentials).
        if (uri.getRawUserInfo() != null) {
            throw invalidHost(url);
        }
        return uri;
    }

    private void deliver(VatResolver<HttpResult> resolver, String method, String url,
            HttpResponse<String> response, Throwable failure) {
        if (gate.isStopped()) {
            return;
        }
        try {
            gate.loop().post(() -> {
                if (gate.isStopped()) {
                    return;
                }
                if (failure == null) {
                    resolver.resolve(new HttpResult(response.statusCode(), response.headers().map(), response.body()));
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    resolver.reject(failed(method, url, describe(cause), cause));
                }
            });
        } catch (RuntimeException loopClosed) {
            // The vat is going away; nobody is left to see the result.
        }
    }

    private String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect within " + readable(timeout);
        }
        if (cause instanceof HttpTimeoutException) {
            return "no response within " + readable(timeout);
        }
        return cause.toString();
    }

    private static String readable(Duration duration) {
        return duration.toMillisPart() == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static VatException failed(String method, String url, String why, Throwable cause) {
        return new VatException("HTTP " + method + " " + url + " failed: " + why, cause);
    }

    private static VatException invalidHost(String what) {
        return new VatException("Invalid host: " + what);
    }
}
