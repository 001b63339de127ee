/** JMH benchmarks for the store and the marshaller. */
package io.jocap.bench;
