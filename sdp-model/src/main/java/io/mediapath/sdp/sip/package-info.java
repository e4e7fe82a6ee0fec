/**
 * SIP messages and the logs they hide in: {@link io.mediapath.sdp.sip.SipMessage} parses one request or response
 * (compact headers, folding, Content-Length, multipart bodies with Lync's {@code ms-proxy-2007fallback} part),
 * {@link io.mediapath.sdp.sip.LogScanner} streams every message out of UCCAPI client logs, SIPStack server logs,
 * tshark follow output and pasted text, and {@link io.mediapath.sdp.sip.Dialogs} groups them by Call-ID. Every
 * message, header and body part remembers its source line so findings can cite it.
 */
package io.mediapath.sdp.sip;
