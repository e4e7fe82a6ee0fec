/**
 * mediapath ice-core: ICE candidates (RFC 8445/8839/6544, MS-ICE draft-6), priorities, pairs, the candidate-list
 * audit, and the shared vocabulary of findings and probes.
 */
module io.mediapath.ice {
    requires transitive io.mediapath.sdp;

    exports io.mediapath.ice;
    exports io.mediapath.ice.probe;
    exports io.mediapath.ice.receipt;
    // Byte helpers shared by the two network modules; not API.
    exports io.mediapath.ice.wire to io.mediapath.turn, io.mediapath.tls, io.mediapath.responder;
}
