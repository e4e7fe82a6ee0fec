/** The {@code mediapath} command line (picocli). */
package io.mediapath.cli;
