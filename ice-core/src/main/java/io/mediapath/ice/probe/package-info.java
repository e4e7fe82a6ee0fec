/**
 * The probe SPI: {@link io.mediapath.ice.probe.Probe}, its context, deadline, timeline and result. Shared by the
 * network modules (turn-client, tls-inspect) and the playbooks in diagnose.
 */
package io.mediapath.ice.probe;
