/**
 * Judging the media-relay flows of a packet capture (issue 13): {@link io.mediapath.diagnose.capture.CaptureAnalyzer}
 * reads a pcap/pcapng with the {@code capture} module, finds TCP flows that open with a TLS-looking hello (pseudo-TLS
 * or TLS, any port) and STUN/TURN exchanges (classic, RFC 5389+, MS-TURN; UDP or TCP, any port), judges each with the
 * live probes' engines (tls-inspect's {@code ObservedExchange}, turn-client's STUN decoders) and names one root cause.
 */
package io.mediapath.diagnose.capture;
