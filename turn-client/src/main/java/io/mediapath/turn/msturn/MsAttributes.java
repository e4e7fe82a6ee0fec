package io.mediapath.turn.msturn;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Small composable attribute setters for {@link MsTurnMessage.Builder#add(MsSetter...)}. */
public final class MsAttributes {
    private MsAttributes() {
    }

    /** MAGIC-COOKIE 0x72C64BC6; add it first. */
    public static MsSetter magicCookie() {
        return b -> b.attribute(MsAttributeType.MAGIC_COOKIE, int32(MsAttributeType.MAGIC_COOKIE_VALUE));
    }

    /** MS-VERSION. */
    public static MsSetter msVersion(int version) {
        return b -> b.attribute(MsAttributeType.MS_VERSION, int32(version));
    }

    /** LIFETIME in seconds. */
    public static MsSetter lifetime(int seconds) {
        return b -> b.attribute(MsAttributeType.LIFETIME, int32(seconds));
    }

    /** USERNAME (UTF-8). */
    public static MsSetter username(String username) {
        return b -> b.attribute(MsAttributeType.USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    /** REALM (UTF-8), attribute 0x0015. */
    public static MsSetter realm(String realm) {
        return b -> b.attribute(MsAttributeType.REALM, realm.getBytes(StandardCharsets.UTF_8));
    }

    /** NONCE (UTF-8), attribute 0x0014. */
    public static MsSetter nonce(String nonce) {
        return b -> b.attribute(MsAttributeType.NONCE, nonce.getBytes(StandardCharsets.UTF_8));
    }

    /** ERROR-CODE with the RFC 5389 layout (class * 100 + number, reason UTF-8). */
    public static MsSetter errorCode(int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code: " + code + " (expected: 300 ~ 699)");
        }
        return b -> {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] v = new byte[4 + r.length];
            v[2] = (byte) (code / 100);
            v[3] = (byte) (code % 100);
            System.arraycopy(r, 0, v, 4, r.length);
            b.attribute(MsAttributeType.ERROR_CODE, v);
        };
    }

    /** MAPPED-ADDRESS (in an Allocate response: the relayed address). */
    public static MsSetter mappedAddress(InetSocketAddress address) {
        return b -> b.attribute(MsAttributeType.MAPPED_ADDRESS, MsAddressCodec.encode(address));
    }

    /** XOR-MAPPED-ADDRESS 0x8020, XORed with the builder's transaction id. */
    public static MsSetter xorMappedAddress(InetSocketAddress address) {
        return b -> b.attribute(MsAttributeType.XOR_MAPPED_ADDRESS,
                MsAddressCodec.encodeXor(address, b.transactionIdUnsafe()));
    }

    /** DESTINATION-ADDRESS (Send, Set Active Destination). */
    public static MsSetter destinationAddress(InetSocketAddress address) {
        return b -> b.attribute(MsAttributeType.DESTINATION_ADDRESS, MsAddressCodec.encode(address));
    }

    /** REMOTE-ADDRESS (Data Indication). */
    public static MsSetter remoteAddress(InetSocketAddress address) {
        return b -> b.attribute(MsAttributeType.REMOTE_ADDRESS, MsAddressCodec.encode(address));
    }

    /** DATA. */
    public static MsSetter data(byte[] data) {
        byte[] copy = data.clone();
        return b -> b.attribute(MsAttributeType.DATA, copy);
    }

    /** MS-SEQUENCE-NUMBER: the 20-byte connection id from the Allocate response and the sequence number. */
    public static MsSetter sequenceNumber(byte[] connectionId, long sequence) {
        if (connectionId.length != 20) {
            throw new IllegalArgumentException("connection id must be 20 bytes");
        }
        byte[] v = new byte[24];
        System.arraycopy(connectionId, 0, v, 0, 20);
        System.arraycopy(int32((int) sequence), 0, v, 20, 4);
        return b -> b.attribute(MsAttributeType.MS_SEQUENCE_NUMBER, v);
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
