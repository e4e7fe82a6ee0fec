/**
 * mediapath sdp-model: lossless SDP (RFC 8866) with typed views over ICE, WebRTC and Microsoft MS-SDPEXT
 * attributes; SIP messages and the logs they hide in; ms-diagnostics headers. JDK only.
 */
module io.mediapath.sdp {
    exports io.mediapath.sdp;
    exports io.mediapath.sdp.sip;
    exports io.mediapath.sdp.msdiag;
}
