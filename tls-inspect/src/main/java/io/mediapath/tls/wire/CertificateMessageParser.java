package io.mediapath.tls.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a TLS 1.0–1.2 Certificate message body (RFC 5246 §7.4.2) into DER certificates. TLS 1.3 sends its
 * Certificate message encrypted, so raw parsing only ever sees the 1.2 form; the TLS 1.3 chain comes from the TLS
 * library instead.
 */
public final class CertificateMessageParser {

    /** More certificates than any real chain; a bound against hostile input. */
    static final int MAX_CERTIFICATES = 16;

    private CertificateMessageParser() {
    }

    /**
     * The DER certificates, leaf first, as sent.
     *
     * @throws WireFormatException when a length field lies or the list is too long
     */
    public static List<byte[]> parse(byte[] body) throws WireFormatException {
        Bytes in = new Bytes(body);
        Bytes list = in.slice(in.u24());
        List<byte[]> out = new ArrayList<>();
        while (list.remaining() > 0) {
            if (out.size() == MAX_CERTIFICATES) {
                throw new WireFormatException("more than " + MAX_CERTIFICATES + " certificates", list.position());
            }
            out.add(list.take(list.u24()));
        }
        if (in.remaining() > 0) {
            throw new WireFormatException(in.remaining() + " bytes after the certificate list", in.position());
        }
        return out;
    }
}
