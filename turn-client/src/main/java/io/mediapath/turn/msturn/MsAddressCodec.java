package io.mediapath.turn.msturn;

import io.mediapath.ice.wire.BigEndian;
import io.mediapath.turn.stun.StunDecodeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address attribute value: {@code 00 family port address} (family 1 = IPv4, 2 = IPv6), plain or XORed with the
 * transaction id as [MS-TURN] 2.2.2.16 specifies: X-Port = port &oplus; the 16 most significant bits of the
 * transaction id, X-Address = address &oplus; its 32 most significant bits (IPv4) or the whole 128-bit id (IPv6).
 */
final class MsAddressCodec {
    private MsAddressCodec() {
    }

    /** Encodes {@code address} plainly (MAPPED-ADDRESS, DESTINATION-ADDRESS, ...). */
    static byte[] encode(InetSocketAddress address) {
        return encode(address, null);
    }

    /** Encodes {@code address} XORed with {@code transactionId} (16 bytes). */
    static byte[] encodeXor(InetSocketAddress address, byte[] transactionId) {
        checkTxid(transactionId);
        return encode(address, transactionId);
    }

    /** Decodes a plain address value. */
    static InetSocketAddress decode(byte[] value) {
        return decode(value, null);
    }

    /** Decodes an XORed address value with the message's 16-byte transaction id. */
    static InetSocketAddress decodeXor(byte[] value, byte[] transactionId) {
        checkTxid(transactionId);
        return decode(value, transactionId);
    }

    private static void checkTxid(byte[] txid) {
        if (txid == null || txid.length != MsTurnMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must be 16 bytes");
        }
    }

    private static byte[] encode(InetSocketAddress address, byte[] txid) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        byte[] ip = address.getAddress().getAddress();
        byte[] out = new byte[4 + ip.length];
        out[1] = (byte) (ip.length == 4 ? 1 : 2);
        int port = address.getPort();
        if (txid != null) {
            port ^= BigEndian.u16(txid, 0);
        }
        out[2] = (byte) (port >>> 8);
        out[3] = (byte) port;
        for (int i = 0; i < ip.length; i++) {
            out[4 + i] = (byte) (txid == null ? ip[i] : ip[i] ^ txid[i]);
        }
        return out;
    }

    private static InetSocketAddress decode(byte[] v, byte[] txid) {
        if (v.length < 4) {
            throw new StunDecodeException("address attribute of " + v.length + " bytes (expected: 8 or 20)");
        }
        int family = v[1] & 0xff;
        int n = switch (family) {
            case 1 -> 4;
            case 2 -> 16;
            default -> throw new StunDecodeException("address family " + family + " (expected: 1 or 2)");
        };
        if (v.length != 4 + n) {
            throw new StunDecodeException("address attribute of " + v.length + " bytes for family " + family);
        }
        int port = BigEndian.u16(v, 2);
        byte[] ip = new byte[n];
        for (int i = 0; i < n; i++) {
            ip[i] = (byte) (txid == null ? v[4 + i] : v[4 + i] ^ txid[i]);
        }
        if (txid != null) {
            port ^= BigEndian.u16(txid, 0);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new StunDecodeException("address of " + n + " bytes"); // unreachable: lengths are 4 or 16
        }
    }
}
