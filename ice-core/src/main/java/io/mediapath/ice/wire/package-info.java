/**
 * Byte-level helpers that more than one module needs and no product should: the MS-TURN pseudo-TLS exchange
 * ({@link io.mediapath.ice.wire.PseudoTls}) and big-endian reads and writes ({@link io.mediapath.ice.wire.BigEndian}).
 * JDK only. Exported only to turn-client and tls-inspect; the lab keeps its own, independently written encoders.
 */
package io.mediapath.ice.wire;
