/** Text, JSON and HTML renderings of a {@link io.mediapath.diagnose.Diagnosis}. */
package io.mediapath.diagnose.report;
