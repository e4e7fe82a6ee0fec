/**
 * The MS-TURN dialect spoken by Lync / Skype for Business Edge servers ([MS-TURN]): a transport-free codec
 * ({@link io.mediapath.turn.msturn.MsTurnMessage}, 16-byte transaction id, MAGIC-COOKIE as the first attribute,
 * REALM/NONCE numbers swapped against RFC 5389, XOR-MAPPED-ADDRESS XORed with the transaction id), MESSAGE-INTEGRITY
 * in both MS-Version regimes, the 4-byte TCP framing, the dialect detector, and {@link
 * io.mediapath.turn.msturn.MsTurnClient}, which performs pseudo-TLS + the digest-challenged Allocate over TCP or UDP.
 */
package io.mediapath.turn.msturn;
