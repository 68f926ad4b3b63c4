/** JMH benchmarks; {@link org.mlmp.benchmarks.BenchMain} is the jar's entry point. */
package org.mlmp.benchmarks;
