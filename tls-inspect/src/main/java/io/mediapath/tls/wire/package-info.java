/**
 * Wire-level parsers (not exported): TLS records and handshake messages over raw bytes, the MS-TURN pseudo-TLS
 * template, and the plaintext-HTTP sniffer. Every parser is bounded and reports malformed input as a
 * {@link io.mediapath.tls.wire.WireFormatException}, never a runtime exception.
 */
package io.mediapath.tls.wire;
