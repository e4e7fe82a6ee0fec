/**
 * The far end of the two-ended path proof: {@link io.mediapath.responder.Responder} answers as a relay would and
 * issues signed arrival receipts; {@link io.mediapath.responder.ReceiptProbe} is the near end's probe of one leg.
 */
package io.mediapath.responder;
