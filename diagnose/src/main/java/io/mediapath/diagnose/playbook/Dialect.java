package io.mediapath.diagnose.playbook;

/** Which relay protocol the target speaks. */
public enum Dialect {
    /** A Lync / Skype for Business Edge: MS-TURN on UDP, pseudo-TLS then framed MS-TURN on TCP. */
    MS_TURN,
    /** An RFC 8489/8656 TURN relay (Teams, coturn, WebRTC): STUN/TURN on UDP, TURN over TCP and TURNS on TLS. */
    TURN
}
