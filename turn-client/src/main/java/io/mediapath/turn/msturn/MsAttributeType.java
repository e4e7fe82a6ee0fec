package io.mediapath.turn.msturn;

/**
 * MS-TURN attribute numbers ([MS-TURN] 2.2.2). Several differ from RFC 5389/8656: REALM and NONCE are swapped,
 * XOR-MAPPED-ADDRESS is 0x8020, MAGIC-COOKIE is an attribute instead of a header field.
 */
public final class MsAttributeType {
    /** MAPPED-ADDRESS; in an Allocate response, the relayed transport address. */
    public static final int MAPPED_ADDRESS = 0x0001;
    /** USERNAME (from MRAS). */
    public static final int USERNAME = 0x0006;
    /** MESSAGE-INTEGRITY: HMAC-SHA1 (20 bytes) or, with MS-Version &ge; 3, HMAC-SHA256 (32 bytes). */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    /** ERROR-CODE, RFC 5389 layout. */
    public static final int ERROR_CODE = 0x0009;
    /** UNKNOWN-ATTRIBUTES. */
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    /** LIFETIME in seconds. */
    public static final int LIFETIME = 0x000D;
    /** ALTERNATE-SERVER (0x8023 in RFC 5389). */
    public static final int ALTERNATE_SERVER = 0x000E;
    /** MAGIC-COOKIE, value 0x72C64BC6; MUST be the first attribute of every MS-TURN message. */
    public static final int MAGIC_COOKIE = 0x000F;
    /** BANDWIDTH. */
    public static final int BANDWIDTH = 0x0010;
    /** DESTINATION-ADDRESS (Send, Set Active Destination). */
    public static final int DESTINATION_ADDRESS = 0x0011;
    /** REMOTE-ADDRESS (Data Indication). */
    public static final int REMOTE_ADDRESS = 0x0012;
    /** DATA. */
    public static final int DATA = 0x0013;
    /** NONCE: 0x0014 in MS-TURN (REALM in RFC 5389). */
    public static final int NONCE = 0x0014;
    /** REALM: 0x0015 in MS-TURN (NONCE in RFC 5389). */
    public static final int REALM = 0x0015;
    /** REQUESTED-ADDRESS-FAMILY. */
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    /** MS-VERSION (1 MS-ICE, 2 MS-ICE2, 3 + SHA-256 integrity, 4 + IPv6, 5/6 multiplexed TURN). */
    public static final int MS_VERSION = 0x8008;
    /** XOR-MAPPED-ADDRESS, XORed with the transaction id (not the RFC 5389 magic cookie). */
    public static final int XOR_MAPPED_ADDRESS = 0x8020;
    /** MS-SEQUENCE-NUMBER: 20-byte connection id + 32-bit sequence number. */
    public static final int MS_SEQUENCE_NUMBER = 0x8050;
    /** MS-SERVICE-QUALITY. */
    public static final int MS_SERVICE_QUALITY = 0x8055;
    /** MS-ALTERNATE-MAPPED-ADDRESS. */
    public static final int MS_ALTERNATE_MAPPED_ADDRESS = 0x8090;

    /** The value of the MAGIC-COOKIE attribute. */
    public static final int MAGIC_COOKIE_VALUE = 0x72C64BC6;

    private MsAttributeType() {
    }

    /** A readable name for logs and errors, or the number in hex. */
    public static String name(int type) {
        return switch (type) {
            case MAPPED_ADDRESS -> "MAPPED-ADDRESS";
            case USERNAME -> "USERNAME";
            case MESSAGE_INTEGRITY -> "MESSAGE-INTEGRITY";
            case ERROR_CODE -> "ERROR-CODE";
            case UNKNOWN_ATTRIBUTES -> "UNKNOWN-ATTRIBUTES";
            case LIFETIME -> "LIFETIME";
            case ALTERNATE_SERVER -> "ALTERNATE-SERVER";
            case MAGIC_COOKIE -> "MAGIC-COOKIE";
            case BANDWIDTH -> "BANDWIDTH";
            case DESTINATION_ADDRESS -> "DESTINATION-ADDRESS";
            case REMOTE_ADDRESS -> "REMOTE-ADDRESS";
            case DATA -> "DATA";
            case NONCE -> "NONCE";
            case REALM -> "REALM";
            case REQUESTED_ADDRESS_FAMILY -> "REQUESTED-ADDRESS-FAMILY";
            case MS_VERSION -> "MS-VERSION";
            case XOR_MAPPED_ADDRESS -> "XOR-MAPPED-ADDRESS";
            case MS_SEQUENCE_NUMBER -> "MS-SEQUENCE-NUMBER";
            case MS_SERVICE_QUALITY -> "MS-SERVICE-QUALITY";
            case MS_ALTERNATE_MAPPED_ADDRESS -> "MS-ALTERNATE-MAPPED-ADDRESS";
            default -> String.format("0x%04X", type);
        };
    }
}
