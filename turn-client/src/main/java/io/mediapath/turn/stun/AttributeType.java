package io.mediapath.turn.stun;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * STUN attribute types: the constants of RFC 8489, RFC 8656, RFC 6062, RFC 5780, RFC 8445 and RFC 7635, and an open
 * registry of names. Types the registry does not know still decode and round-trip as raw {@link StunAttribute}s;
 * {@link StunMessage#unknownComprehensionRequired()} lists the unknown ones in the comprehension-required range
 * (0x0000–0x7FFF).
 */
public final class AttributeType {
    /** MAPPED-ADDRESS (RFC 8489). */
    public static final int MAPPED_ADDRESS = 0x0001;
    /** CHANGE-REQUEST (RFC 5780). */
    public static final int CHANGE_REQUEST = 0x0003;
    /** USERNAME (RFC 8489). */
    public static final int USERNAME = 0x0006;
    /** MESSAGE-INTEGRITY, HMAC-SHA1 (RFC 8489). */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    /** ERROR-CODE (RFC 8489). */
    public static final int ERROR_CODE = 0x0009;
    /** UNKNOWN-ATTRIBUTES (RFC 8489). */
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    /** CHANNEL-NUMBER (RFC 8656). */
    public static final int CHANNEL_NUMBER = 0x000C;
    /** LIFETIME (RFC 8656). */
    public static final int LIFETIME = 0x000D;
    /** XOR-PEER-ADDRESS (RFC 8656). */
    public static final int XOR_PEER_ADDRESS = 0x0012;
    /** DATA (RFC 8656). */
    public static final int DATA = 0x0013;
    /** REALM (RFC 8489). */
    public static final int REALM = 0x0014;
    /** NONCE (RFC 8489). */
    public static final int NONCE = 0x0015;
    /** XOR-RELAYED-ADDRESS (RFC 8656). */
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    /** REQUESTED-ADDRESS-FAMILY (RFC 8656). */
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    /** EVEN-PORT (RFC 8656). */
    public static final int EVEN_PORT = 0x0018;
    /** REQUESTED-TRANSPORT (RFC 8656). */
    public static final int REQUESTED_TRANSPORT = 0x0019;
    /** DONT-FRAGMENT (RFC 8656). */
    public static final int DONT_FRAGMENT = 0x001A;
    /** ACCESS-TOKEN (RFC 7635). */
    public static final int ACCESS_TOKEN = 0x001B;
    /** MESSAGE-INTEGRITY-SHA256 (RFC 8489). */
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    /** PASSWORD-ALGORITHM (RFC 8489). */
    public static final int PASSWORD_ALGORITHM = 0x001D;
    /** USERHASH (RFC 8489). */
    public static final int USERHASH = 0x001E;
    /** XOR-MAPPED-ADDRESS (RFC 8489). */
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** RESERVATION-TOKEN (RFC 8656). */
    public static final int RESERVATION_TOKEN = 0x0022;
    /** PRIORITY (RFC 8445). */
    public static final int PRIORITY = 0x0024;
    /** USE-CANDIDATE (RFC 8445). */
    public static final int USE_CANDIDATE = 0x0025;
    /** PADDING (RFC 5780). */
    public static final int PADDING = 0x0026;
    /** RESPONSE-PORT (RFC 5780). */
    public static final int RESPONSE_PORT = 0x0027;
    /** CONNECTION-ID (RFC 6062). */
    public static final int CONNECTION_ID = 0x002A;
    /** ADDITIONAL-ADDRESS-FAMILY (RFC 8656). */
    public static final int ADDITIONAL_ADDRESS_FAMILY = 0x8000;
    /** ADDRESS-ERROR-CODE (RFC 8656). */
    public static final int ADDRESS_ERROR_CODE = 0x8001;
    /** PASSWORD-ALGORITHMS (RFC 8489). */
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    /** ALTERNATE-DOMAIN (RFC 8489). */
    public static final int ALTERNATE_DOMAIN = 0x8003;
    /** ICMP (RFC 8656). */
    public static final int ICMP = 0x8004;
    /** SOFTWARE (RFC 8489). */
    public static final int SOFTWARE = 0x8022;
    /** ALTERNATE-SERVER (RFC 8489). */
    public static final int ALTERNATE_SERVER = 0x8023;
    /** CACHE-TIMEOUT (RFC 5780). */
    public static final int CACHE_TIMEOUT = 0x8027;
    /** FINGERPRINT (RFC 8489). */
    public static final int FINGERPRINT = 0x8028;
    /** ICE-CONTROLLED (RFC 8445). */
    public static final int ICE_CONTROLLED = 0x8029;
    /** ICE-CONTROLLING (RFC 8445). */
    public static final int ICE_CONTROLLING = 0x802A;
    /** RESPONSE-ORIGIN (RFC 5780). */
    public static final int RESPONSE_ORIGIN = 0x802B;
    /** OTHER-ADDRESS (RFC 5780). */
    public static final int OTHER_ADDRESS = 0x802C;
    /** THIRD-PARTY-AUTHORIZATION (RFC 7635). */
    public static final int THIRD_PARTY_AUTHORIZATION = 0x802E;

    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>(Map.ofEntries(
            Map.entry(MAPPED_ADDRESS, "MAPPED-ADDRESS"), Map.entry(CHANGE_REQUEST, "CHANGE-REQUEST"),
            Map.entry(USERNAME, "USERNAME"), Map.entry(MESSAGE_INTEGRITY, "MESSAGE-INTEGRITY"),
            Map.entry(ERROR_CODE, "ERROR-CODE"), Map.entry(UNKNOWN_ATTRIBUTES, "UNKNOWN-ATTRIBUTES"),
            Map.entry(CHANNEL_NUMBER, "CHANNEL-NUMBER"), Map.entry(LIFETIME, "LIFETIME"),
            Map.entry(XOR_PEER_ADDRESS, "XOR-PEER-ADDRESS"), Map.entry(DATA, "DATA"), Map.entry(REALM, "REALM"),
            Map.entry(NONCE, "NONCE"), Map.entry(XOR_RELAYED_ADDRESS, "XOR-RELAYED-ADDRESS"),
            Map.entry(REQUESTED_ADDRESS_FAMILY, "REQUESTED-ADDRESS-FAMILY"), Map.entry(EVEN_PORT, "EVEN-PORT"),
            Map.entry(REQUESTED_TRANSPORT, "REQUESTED-TRANSPORT"), Map.entry(DONT_FRAGMENT, "DONT-FRAGMENT"),
            Map.entry(ACCESS_TOKEN, "ACCESS-TOKEN"), Map.entry(MESSAGE_INTEGRITY_SHA256, "MESSAGE-INTEGRITY-SHA256"),
            Map.entry(PASSWORD_ALGORITHM, "PASSWORD-ALGORITHM"), Map.entry(USERHASH, "USERHASH"),
            Map.entry(XOR_MAPPED_ADDRESS, "XOR-MAPPED-ADDRESS"), Map.entry(RESERVATION_TOKEN, "RESERVATION-TOKEN"),
            Map.entry(PRIORITY, "PRIORITY"), Map.entry(USE_CANDIDATE, "USE-CANDIDATE"), Map.entry(PADDING, "PADDING"),
            Map.entry(RESPONSE_PORT, "RESPONSE-PORT"), Map.entry(CONNECTION_ID, "CONNECTION-ID"),
            Map.entry(ADDITIONAL_ADDRESS_FAMILY, "ADDITIONAL-ADDRESS-FAMILY"),
            Map.entry(ADDRESS_ERROR_CODE, "ADDRESS-ERROR-CODE"), Map.entry(PASSWORD_ALGORITHMS, "PASSWORD-ALGORITHMS"),
            Map.entry(ALTERNATE_DOMAIN, "ALTERNATE-DOMAIN"), Map.entry(ICMP, "ICMP"), Map.entry(SOFTWARE, "SOFTWARE"),
            Map.entry(ALTERNATE_SERVER, "ALTERNATE-SERVER"), Map.entry(CACHE_TIMEOUT, "CACHE-TIMEOUT"),
            Map.entry(FINGERPRINT, "FINGERPRINT"), Map.entry(ICE_CONTROLLED, "ICE-CONTROLLED"),
            Map.entry(ICE_CONTROLLING, "ICE-CONTROLLING"), Map.entry(RESPONSE_ORIGIN, "RESPONSE-ORIGIN"),
            Map.entry(OTHER_ADDRESS, "OTHER-ADDRESS"), Map.entry(THIRD_PARTY_AUTHORIZATION, "THIRD-PARTY-AUTHORIZATION")));

    private AttributeType() {
    }

    /**
     * Registers a name for an attribute type this library does not define (an extension such as MS-TURN's), so that
     * it is no longer reported as unknown. Registering an already known type with the same name is a no-op.
     *
     * @throws IllegalArgumentException when the type is out of range or already registered under another name
     */
    public static void register(int type, String name) {
        checkRange(type);
        Objects.requireNonNull(name, "name");
        String previous = NAMES.putIfAbsent(type, name);
        if (previous != null && !previous.equals(name)) {
            throw new IllegalArgumentException(String.format("attribute 0x%04x already registered as %s", type, previous));
        }
    }

    /** True when the registry knows this type. */
    public static boolean isKnown(int type) {
        return NAMES.containsKey(type);
    }

    /** True for types 0x0000–0x7FFF, which an agent must understand to process the message (RFC 8489 §14). */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** The registered name, or the hex code. */
    public static String name(int type) {
        String n = NAMES.get(type);
        return n != null ? n : String.format("0x%04x", type);
    }

    static void checkRange(int type) {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type: " + type + " (expected: 0 ~ 0xFFFF)");
        }
    }
}
