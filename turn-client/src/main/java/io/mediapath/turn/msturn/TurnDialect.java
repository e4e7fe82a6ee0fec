package io.mediapath.turn.msturn;

/**
 * Which STUN dialect a server answered in, told from the first bytes of its response (the guide's "detect by
 * response"): RFC 5389/8489 puts the magic cookie 0x2112A442 at offset 4; MS-TURN has a 16-byte transaction id there
 * and the MAGIC-COOKIE attribute {@code 00 0f 00 04 72 c6 4b c6} at offset 20.
 */
public enum TurnDialect {
    /** RFC 5389/8489 STUN/TURN (Teams/ACS relays, coturn). */
    RFC_STUN,
    /** [MS-TURN] (Lync/Skype for Business Edge). */
    MS_TURN,
    /** Neither: too short, or not a STUN-family message at all. */
    UNKNOWN;

    private static final byte[] MS_COOKIE_ATTR = {0x00, 0x0f, 0x00, 0x04, 0x72, (byte) 0xc6, 0x4b, (byte) 0xc6};

    /** Classifies {@code response}, looking only at the first 28 bytes; never throws on any input. */
    public static TurnDialect detect(byte[] response) {
        if (response == null || response.length < MsTurnMessage.HEADER_LENGTH || (response[0] & 0xC0) != 0) {
            return UNKNOWN;
        }
        if (response.length >= 8 && (response[4] & 0xff) == 0x21 && (response[5] & 0xff) == 0x12
                && (response[6] & 0xff) == 0xA4 && (response[7] & 0xff) == 0x42) {
            return RFC_STUN;
        }
        if (response.length >= MsTurnMessage.HEADER_LENGTH + MS_COOKIE_ATTR.length) {
            for (int i = 0; i < MS_COOKIE_ATTR.length; i++) {
                if (response[MsTurnMessage.HEADER_LENGTH + i] != MS_COOKIE_ATTR[i]) {
                    return UNKNOWN;
                }
            }
            return MS_TURN;
        }
        return UNKNOWN;
    }
}
