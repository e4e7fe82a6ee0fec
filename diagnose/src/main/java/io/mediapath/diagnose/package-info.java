/**
 * Playbooks: the offline analysis of SDP, SIP messages and logs ({@link io.mediapath.diagnose.Analyzer}) into a
 * {@link io.mediapath.diagnose.Diagnosis}, usable without the command line.
 */
package io.mediapath.diagnose;
