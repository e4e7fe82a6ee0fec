package io.mediapath.sdp.msdiag;

/**
 * Remedy wording that findings of several modules give, held once so that the diagnostics decoder, the candidate
 * audit and the TLS probe tell a user the same thing in the same words.
 */
public final class Remedies {
    private Remedies() {
    }

    /**
     * "Bypass TCP 443 inspection by IP address": what to do when a proxy or firewall intercepts or fails the TLS
     * (or pseudo-TLS) connection to a media relay.
     *
     * @param relay     the relay's IP address when known, else empty
     * @param port      the TCP port the relay listens on (443 for an Edge)
     * @param pseudoTls true when the client speaks MS-TURN's pseudo-TLS, whose hello carries no SNI: then a bypass
     *                  by host name or URL category cannot match, which the text says
     */
    public static String bypassInspectionByIp(String relay, int port, boolean pseudoTls) {
        return "Exempt the relay from TLS inspection (decryption) and proxying by IP address"
                + (relay.isEmpty() ? "" : " (" + relay + ")")
                + (pseudoTls ? ", not by domain or URL category: the MS-TURN pseudo-TLS hello carries no SNI, so "
                        + "name-based bypass rules never match" : "")
                + "; or route TCP " + port + " to the relay around the proxy. Microsoft requires media traffic to "
                + "bypass proxies and SSL inspection.";
    }
}
