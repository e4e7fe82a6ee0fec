package io.mediapath.turn.stun;

/**
 * A STUN method (12 bits). The constants are those of RFC 8489, RFC 8656 and RFC 6062; any other 12-bit value is a
 * valid method too, so unknown methods round-trip.
 *
 * @param code 0x000 to 0xFFF
 */
public record StunMethod(int code) {
    /** Binding (RFC 8489). */
    public static final StunMethod BINDING = new StunMethod(0x001);
    /** Allocate (RFC 8656). */
    public static final StunMethod ALLOCATE = new StunMethod(0x003);
    /** Refresh (RFC 8656). */
    public static final StunMethod REFRESH = new StunMethod(0x004);
    /** Send, an indication (RFC 8656). */
    public static final StunMethod SEND = new StunMethod(0x006);
    /** Data, an indication (RFC 8656). */
    public static final StunMethod DATA = new StunMethod(0x007);
    /** CreatePermission (RFC 8656). */
    public static final StunMethod CREATE_PERMISSION = new StunMethod(0x008);
    /** ChannelBind (RFC 8656). */
    public static final StunMethod CHANNEL_BIND = new StunMethod(0x009);
    /** Connect (RFC 6062). */
    public static final StunMethod CONNECT = new StunMethod(0x00A);
    /** ConnectionBind (RFC 6062). */
    public static final StunMethod CONNECTION_BIND = new StunMethod(0x00B);
    /** ConnectionAttempt, an indication (RFC 6062). */
    public static final StunMethod CONNECTION_ATTEMPT = new StunMethod(0x00C);

    public StunMethod {
        if (code < 0 || code > 0xFFF) {
            throw new IllegalArgumentException("method: " + code + " (expected: 0 ~ 0xFFF)");
        }
    }

    /** The method's name, or its hex code when it is not a registered one. */
    public String name() {
        return switch (code) {
            case 0x001 -> "Binding";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            case 0x00A -> "Connect";
            case 0x00B -> "ConnectionBind";
            case 0x00C -> "ConnectionAttempt";
            default -> String.format("0x%03x", code);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
