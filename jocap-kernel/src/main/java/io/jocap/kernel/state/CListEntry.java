package io.jocap.kernel.state;

/**
 * One entry of an endpoint's c-list.
 *
 * @param eref the endpoint's id for the reference
 * @param kref the kernel's id for it
 * @param reachable the endpoint's reachable flag: whether the endpoint can still send to it (as
 *     opposed to only recognizing it)
 */
public record CListEntry(String eref, String kref, boolean reachable) {}
