package io.jocap.vat.powers;

import io.jocap.vat.VatPromise;
import java.util.Map;

/**
 * HTTP(S) requests from a vat, limited to the hosts in its {@code network.allowedHosts} (see
 * {@link AllowedHosts} for how hosts match).
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Only {@code http} and {@code https} URLs whose host is allowed are requested. Anything
 *       else (a host not allowed, a malformed URL, another scheme, user info in the URL) is not
 *       requested: the returned promise is rejected with a {@link io.jocap.vat.VatException}
 *       whose message starts with {@code "Invalid host: "}, followed by the host, or by the URL
 *       as given when it has no usable host. These methods never throw for a bad URL, method,
 *       header or body: every such failure is a rejected promise.
 *   <li>Redirects are not followed: a 3xx response is the result, with its {@code Location}
 *       header; following it is a new request, checked like any other.
 *   <li>The promise is fulfilled with the {@link HttpResult} of any response, whatever its
 *       status, and rejected with a {@code VatException} if no response came (connection
 *       failure, timeout; the cause is attached).
 *   <li>The promise settles in a turn of its own on the vat's loop. Stopping the vat cancels the
 *       requests in flight; their promises stay pending.
 *   <li>Call these methods from the vat's code on its loop; elsewhere, and once the vat has
 *       stopped, they throw {@code VatException}.
 * </ul>
 */
public interface HttpEndowment {
    /** {@code request("GET", url, Map.of(), null)}. */
    VatPromise<HttpResult> get(String url);

    /**
     * Sends a request.
     *
     * @param method the HTTP method, like {@code "GET"} or {@code "POST"}
     * @param url an absolute {@code http} or {@code https} URL
     * @param headers request headers; may be null. Headers the HTTP client manages itself ({@code
     *     Host}, {@code Content-Length}, {@code Connection} and the like) are refused (the promise
     *     is rejected), so a vat cannot address a request to another host than the URL's.
     * @param body the request body, sent as UTF-8; null for none
     */
    VatPromise<HttpResult> request(String method, String url, Map<String, String> headers, String body);
}
