package io.mediapath.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code o=} line. Session id and version are kept as written: Chrome sends 19 digits and libwebrtc tests use
 * values above 2^63, which other parsers truncate; {@link #sessionIdValue()} gives the exact number.
 *
 * @param username       user name ({@code -} when none)
 * @param sessionId      session id as written
 * @param sessionVersion session version as written
 * @param networkType    {@code IN}
 * @param addressType    {@code IP4}/{@code IP6}
 * @param address        unicast address or FQDN
 * @param lineNumber     1-based line number (0 when built)
 */
public record Origin(String username, String sessionId, String sessionVersion, String networkType,
        String addressType, String address, int lineNumber) {

    /** Validates the components. */
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionVersion, "sessionVersion");
        Objects.requireNonNull(networkType, "networkType");
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }

    /** The session id as a number; throws {@link NumberFormatException} when it is not decimal digits. */
    public BigInteger sessionIdValue() {
        return new BigInteger(sessionId);
    }

    /** The session version as a number; throws {@link NumberFormatException} when it is not decimal digits. */
    public BigInteger sessionVersionValue() {
        return new BigInteger(sessionVersion);
    }

    /** The field text after {@code o=}. */
    public String text() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + networkType + ' ' + addressType + ' ' + address;
    }
}
