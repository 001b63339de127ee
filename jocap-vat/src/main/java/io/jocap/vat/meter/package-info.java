/**
 * Step metering of vat code: {@link io.jocap.vat.meter.StepMetering} rewrites a vat's own classes
 * so that every method entry, every backward branch (every loop iteration) and every exception
 * handler entry calls {@link io.jocap.vat.Meter#step()}, which spends the step budget of the
 * running turn (see {@link io.jocap.vat.loop.VatLoop#stepBudget(long)}). Not part of the vat API.
 */
package io.jocap.vat.meter;
