package io.mediapath.tls.wire;

import java.nio.charset.StandardCharsets;

/**
 * Reads the server name (RFC 6066 server_name, host_name) out of the first record of a client's TLS stream, for
 * judging an observed exchange by the name the client asked for. Bounded to the bytes given; never throws.
 */
public final class ClientHelloSni {

    private ClientHelloSni() {
    }

    /** True when {@code b} starts like a TLS handshake record carrying a ClientHello. */
    public static boolean looksLikeClientHello(byte[] b, int length) {
        return length >= 6 && (b[0] & 0xff) == 22 && (b[1] & 0xff) == 3 && (b[2] & 0xff) <= 4 && (b[5] & 0xff) == 1;
    }

    /** The host name the ClientHello asks for, or null when there is none or the bytes are not a ClientHello. */
    public static String serverName(byte[] b) {
        try {
            if (!looksLikeClientHello(b, b.length)) {
                return null;
            }
            int recEnd = Math.min(b.length, 5 + u16(b, 3));
            int p = 5 + 4;              // record header, handshake header
            p += 2 + 32;                // client_version, random
            p += 1 + (b[p] & 0xff);     // session_id
            p += 2 + u16(b, p);         // cipher_suites
            p += 1 + (b[p] & 0xff);     // compression_methods
            if (p + 2 > recEnd) {
                return null;
            }
            int extEnd = Math.min(recEnd, p + 2 + u16(b, p));
            p += 2;
            while (p + 4 <= extEnd) {
                int type = u16(b, p);
                int len = u16(b, p + 2);
                p += 4;
                if (type == 0 && p + 5 <= extEnd) {
                    int q = p + 2;      // server_name_list length
                    if ((b[q] & 0xff) == 0) {
                        int n = u16(b, q + 1);
                        if (q + 3 + n <= extEnd) {
                            return new String(b, q + 3, n, StandardCharsets.US_ASCII);
                        }
                    }
                    return null;
                }
                p += len;
            }
            return null;
        } catch (ArrayIndexOutOfBoundsException e) {
            return null; // cut short: no name to read
        }
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
