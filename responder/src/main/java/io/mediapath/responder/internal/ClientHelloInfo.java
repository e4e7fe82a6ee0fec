package io.mediapath.responder.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SNI and ALPN of a TLS ClientHello, read from the first handshake record. Bounded: looks only at
 * {@code b[0..length)} and at most one record (16 KiB); a hello that continues in a second record is reported with
 * what the first one holds.
 *
 * @param recordLength the bytes of the first record (header included): what the receipt covers
 * @param sni          the host_name of server_name, if any
 * @param alpn         the protocols offered, in order
 */
public record ClientHelloInfo(int recordLength, Optional<String> sni, List<String> alpn) {

    /** The largest TLS record plaintext plus header. */
    public static final int MAX_RECORD = 5 + 16384;

    /**
     * The hello's info once its first record is complete; empty while more bytes are needed.
     *
     * @throws IllegalArgumentException when the bytes are not a TLS handshake record holding a ClientHello
     */
    public static Optional<ClientHelloInfo> parse(byte[] b, int length) {
        if (length < 5) {
            return Optional.empty();
        }
        if ((b[0] & 0xff) != 0x16 || b[1] != 3) {
            throw new IllegalArgumentException("not a TLS handshake record");
        }
        int recLen = FirstBytes.u16(b, 3);
        if (recLen == 0 || recLen > 16384) {
            throw new IllegalArgumentException("TLS record length " + recLen);
        }
        if (length < 5 + recLen) {
            return Optional.empty();
        }
        int end = 5 + recLen;
        Optional<String> sni = Optional.empty();
        List<String> alpn = new ArrayList<>();
        try {
            int p = 5;
            if ((b[p] & 0xff) != 1) {
                throw new IllegalArgumentException("first handshake message is not a ClientHello");
            }
            int hsLen = ((b[p + 1] & 0xff) << 16) | FirstBytes.u16(b, p + 2);
            int hsEnd = Math.min(end, p + 4 + hsLen);
            p += 4 + 2 + 32;
            p = p < hsEnd ? p + 1 + (b[p] & 0xff) : hsEnd; // session id
            p = p + 2 <= hsEnd ? p + 2 + FirstBytes.u16(b, p) : hsEnd; // cipher suites
            p = p < hsEnd ? p + 1 + (b[p] & 0xff) : hsEnd; // compression methods
            if (p + 2 <= hsEnd) {
                int extEnd = Math.min(hsEnd, p + 2 + FirstBytes.u16(b, p));
                p += 2;
                while (p + 4 <= extEnd) {
                    int type = FirstBytes.u16(b, p);
                    int len = FirstBytes.u16(b, p + 2);
                    int v = p + 4;
                    if (v + len > extEnd) {
                        break;
                    }
                    if (type == 0x0000 && len >= 5 && (b[v + 2] & 0xff) == 0) {
                        int n = FirstBytes.u16(b, v + 3);
                        if (v + 5 + n <= v + len && n > 0) {
                            sni = Optional.of(new String(b, v + 5, Math.min(n, 255), StandardCharsets.ISO_8859_1));
                        }
                    } else if (type == 0x0010 && len >= 2) {
                        int q = v + 2;
                        int listEnd = Math.min(v + len, v + 2 + FirstBytes.u16(b, v));
                        while (q < listEnd && alpn.size() < 16) {
                            int n = b[q] & 0xff;
                            if (n == 0 || q + 1 + n > listEnd) {
                                break;
                            }
                            alpn.add(new String(b, q + 1, n, StandardCharsets.ISO_8859_1));
                            q += 1 + n;
                        }
                    }
                    p = v + len;
                }
            }
        } catch (ArrayIndexOutOfBoundsException truncated) {
            // a hello cut short inside the record: keep what was read
        }
        return Optional.of(new ClientHelloInfo(end, sni, List.copyOf(alpn)));
    }
}
