/**
 * The lab's one-call entry point: {@link io.mediapath.lab.SeedTopology} starts the seeds' scenarios (a genuine
 * emulated Edge, alone or behind a middlebox behaviour) for a product's tests. The building blocks live in the
 * sub-packages: {@code pki}, {@code edge}, {@code proxy}, {@code peers}, {@code netns} and {@code junit}.
 */
package io.mediapath.lab;
