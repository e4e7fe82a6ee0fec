package io.mediapath.tls.wire;

import io.mediapath.tls.ServerHello;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses a ServerHello body (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3), keeping the extension order. */
public final class ServerHelloParser {

    /** The HelloRetryRequest random: SHA-256 of "HelloRetryRequest" (RFC 8446 §4.1.3). */
    static final byte[] HRR_RANDOM = {
        (byte) 0xCF, 0x21, (byte) 0xAD, 0x74, (byte) 0xE5, (byte) 0x9A, 0x61, 0x11, (byte) 0xBE, 0x1D, (byte) 0x8C,
        0x02, 0x1E, 0x65, (byte) 0xB8, (byte) 0x91, (byte) 0xC2, (byte) 0xA2, 0x11, 0x16, 0x7A, (byte) 0xBB,
        (byte) 0x8C, 0x5E, 0x07, (byte) 0x9E, 0x09, (byte) 0xE2, (byte) 0xC8, (byte) 0xA8, 0x33, (byte) 0x9C
    };

    static final int EXT_ALPN = 16;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_KEY_SHARE = 51;

    private ServerHelloParser() {
    }

    /**
     * Parses the body of a ServerHello handshake message.
     *
     * @throws WireFormatException when the body is truncated or a length field lies
     */
    public static ServerHello parse(byte[] body) throws WireFormatException {
        Bytes in = new Bytes(body);
        int legacyVersion = in.u16();
        byte[] random = in.take(32);
        int sidLen = in.u8();
        if (sidLen > 32) {
            throw new WireFormatException("session id length " + sidLen + " > 32", in.position() - 1);
        }
        in.take(sidLen);
        int suite = in.u16();
        int compression = in.u8();
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        List<Integer> types = new ArrayList<>();
        int selected = legacyVersion;
        int group = -1;
        String alpn = "";
        if (in.remaining() > 0) {
            int extLen = in.u16();
            Bytes exts = in.slice(extLen);
            while (exts.remaining() > 0) {
                int type = exts.u16();
                int len = exts.u16();
                Bytes data = exts.slice(len);
                types.add(type);
                switch (type) {
                    case EXT_SUPPORTED_VERSIONS -> selected = data.u16();
                    case EXT_KEY_SHARE -> group = data.u16(); // ServerHello: group + key; HRR: group only
                    case EXT_ALPN -> {
                        Bytes list = data.slice(data.u16());
                        int n = list.u8();
                        alpn = new String(list.take(n), StandardCharsets.US_ASCII);
                    }
                    default -> { }
                }
            }
            if (in.remaining() > 0) {
                throw new WireFormatException(in.remaining() + " bytes after the extensions", in.position());
            }
        }
        return new ServerHello(legacyVersion, selected, Bytes.hex(random, 0, 32).replace(" ", ""), sidLen, suite,
                compression, types, hrr, group, printable(alpn));
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
