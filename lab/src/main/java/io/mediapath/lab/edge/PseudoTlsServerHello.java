package io.mediapath.lab.edge;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The Edge side of [MS-TURN] 2.1.1 pseudo-TLS, from the specification's field diagram and libnice's
 * {@code SSL_SERVER_MSOC_HANDSHAKE}: one handshake record (version 3.1) holding a ServerHello (version 3.1, 4-byte
 * time stamp and 28 random bytes, a 32-byte session id, cipher 0x0018 TLS_DH_anon_WITH_RC4_128_MD5, null
 * compression, no extensions) followed in the same record by an empty ServerHelloDone.
 */
final class PseudoTlsServerHello {

    static final int LENGTH = 83;
    /** The one cipher suite the pseudo-TLS ClientHello offers and the Edge "selects". */
    static final int CIPHER_DH_ANON_RC4_MD5 = 0x0018;

    private PseudoTlsServerHello() {
    }

    static byte[] build(SecureRandom random) {
        byte[] out = new byte[LENGTH];
        int i = 0;
        // record header: handshake(22), TLS 1.0 (3.1), length 78
        out[i++] = 0x16;
        out[i++] = 0x03;
        out[i++] = 0x01;
        out[i++] = 0x00;
        out[i++] = 0x4e;
        // ServerHello, 24-bit length 70
        out[i++] = 0x02;
        out[i++] = 0x00;
        out[i++] = 0x00;
        out[i++] = 0x46;
        out[i++] = 0x03;
        out[i++] = 0x01;
        long t = Instant.now().getEpochSecond();
        out[i++] = (byte) (t >>> 24);
        out[i++] = (byte) (t >>> 16);
        out[i++] = (byte) (t >>> 8);
        out[i++] = (byte) t;
        byte[] r = new byte[28];
        random.nextBytes(r);
        System.arraycopy(r, 0, out, i, 28);
        i += 28;
        out[i++] = 0x20; // session id length 32
        byte[] sid = new byte[32];
        random.nextBytes(sid);
        System.arraycopy(sid, 0, out, i, 32);
        i += 32;
        out[i++] = (byte) (CIPHER_DH_ANON_RC4_MD5 >>> 8);
        out[i++] = (byte) CIPHER_DH_ANON_RC4_MD5;
        out[i++] = 0x00; // compression: null
        // ServerHelloDone, length 0, in the SAME record ([MS-TURN] 2.1.1 MUST)
        out[i++] = 0x0e;
        out[i++] = 0x00;
        out[i++] = 0x00;
        out[i++] = 0x00;
        if (i != LENGTH) {
            throw new AssertionError("pseudo-TLS answer is " + i + " bytes");
        }
        return out;
    }

    /**
     * True when {@code record} (a whole TLS record, header included) is a ClientHello that offers cipher 0x0018,
     * which is what the MS-TURN pseudo-TLS hello is. Bounds are checked at every step; malformed input is false.
     */
    static boolean isPseudoTlsClientHello(byte[] record) {
        if (record.length < 5 + 4 + 2 + 32 + 1 || record[0] != 0x16 || record[1] != 0x03) {
            return false;
        }
        int recLen = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        if (recLen != record.length - 5 || record[5] != 0x01) {
            return false;
        }
        int i = 5 + 4 + 2 + 32; // header, handshake header, client_version, random
        int sidLen = record[i] & 0xff;
        i += 1 + sidLen;
        if (sidLen > 32 || i + 2 > record.length) {
            return false;
        }
        int suitesLen = ((record[i] & 0xff) << 8) | (record[i + 1] & 0xff);
        i += 2;
        if (suitesLen % 2 != 0 || i + suitesLen > record.length) {
            return false;
        }
        for (int s = 0; s < suitesLen; s += 2) {
            int suite = ((record[i + s] & 0xff) << 8) | (record[i + s + 1] & 0xff);
            if (suite == CIPHER_DH_ANON_RC4_MD5) {
                return true;
            }
        }
        return false;
    }
}
