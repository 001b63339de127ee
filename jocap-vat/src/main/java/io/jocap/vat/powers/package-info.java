/**
 * What a vat may do beyond its own objects: the powers behind {@link io.jocap.vat.VatPowers}, and
 * the config that grants them.
 *
 * <h2>Granting</h2>
 *
 * A vat gets only the <em>endowments</em> its cluster config lists: {@code "timers"},
 * {@code "clock"}, {@code "random"} and {@code "http"} (with the hosts it may reach in {@code
 * network.allowedHosts}); the logger is always granted. {@link io.jocap.vat.powers.Endowments}
 * checks a vat's config and rejects anything doubtful (an unknown name, hosts without {@code
 * "http"}, a host entry that looks like a URL) with an {@link
 * io.jocap.vat.powers.EndowmentException} that names the vat and the entry.
 *
 * <h2>Running</h2>
 *
 * The vat runtime makes one {@link io.jocap.vat.powers.VatPowerSet} per vat from its endowments
 * and its {@link io.jocap.vat.loop.VatLoop}, hands it to the vat's build step as {@code
 * VatPowers}, and closes it when the vat stops. The powers keep the vat's single-threaded model:
 * whatever they do later (a timer firing, an HTTP response arriving) is handed to the vat's loop
 * with {@code VatLoop.post} and runs as a turn of its own (a kernel-granted one under a worker), and promises they return are created and
 * settled on that loop. Closing cancels the vat's timers and HTTP requests and makes every power
 * throw "vat NAME is stopped".
 *
 * <h2>Network confinement</h2>
 *
 * {@link io.jocap.vat.powers.HttpEndowment} reaches only http(s) URLs whose host is listed
 * exactly in the vat's {@link io.jocap.vat.powers.AllowedHosts} (no subdomain or suffix
 * matching), never follows redirects and rejects everything else with a promise rejected with
 * "Invalid host: ...", so a vat's reach over the network is exactly its config's list.
 */
package io.jocap.vat.powers;
