/**
 * Signed arrival receipts: the far end ({@code mediapath responder}) proves which bytes reached it, from which source
 * address, when, and with which SNI/ALPN, authenticated with HMAC-SHA256 under a token shared out of band; the near
 * end verifies a receipt in constant time and concludes per leg whether the path was {@link
 * io.mediapath.ice.receipt.PathConclusion#REACHED reached}, modified, translated, intercepted or dropped.
 *
 * <p>JDK only, no transport: the responder's Netty transports and the near end's probes use these values and
 * codecs. Wire format: {@link io.mediapath.ice.receipt.ReceiptCodec}; the request a probe sends to ask for a receipt:
 * {@link io.mediapath.ice.receipt.ReceiptRequest}; TCP framing of both: {@link io.mediapath.ice.receipt.ReceiptFrames}.
 */
package io.mediapath.ice.receipt;
