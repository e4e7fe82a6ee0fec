package io.mediapath.lab.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The bytes the proxy writes: hand-built TLS records (RFC 5246 §7.4) and HTTP pages, as middleboxes send them. */
final class Flights {

    /** TLS_RSA_WITH_AES_128_CBC_SHA: a suite a middlebox TLS stack picks; it is not what pseudo-TLS offered. */
    static final int PROXY_CIPHER = 0x002f;

    private Flights() {
    }

    /**
     * The version to answer a hello with: the ClientHello's client_version capped at TLS 1.2, or TLS 1.2 when the
     * bytes are not a ClientHello record.
     */
    static int version(byte[] hello) {
        if (hello.length >= 11 && hello[0] == 0x16 && hello[5] == 0x01 && hello[9] == 0x03) {
            int v = ((hello[9] & 0xff) << 8) | (hello[10] & 0xff);
            return Math.min(Math.max(v, 0x0301), 0x0303);
        }
        return 0x0303;
    }

    static byte[] record(int type, int version, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (body.length >>> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    static byte[] handshake(int msgType, byte[] body) {
        byte[] m = new byte[4 + body.length];
        m[0] = (byte) msgType;
        m[1] = (byte) (body.length >>> 16);
        m[2] = (byte) (body.length >>> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    static byte[] serverHelloRecord(int version, SecureRandom random) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(version >>> 8);
        b.write(version);
        byte[] r = new byte[32];
        random.nextBytes(r);
        b.writeBytes(r);
        byte[] sid = new byte[32];
        random.nextBytes(sid);
        b.write(32);
        b.writeBytes(sid);
        b.write(PROXY_CIPHER >>> 8);
        b.write(PROXY_CIPHER);
        b.write(0); // null compression, no extensions
        return record(0x16, version, handshake(0x02, b.toByteArray()));
    }

    static byte[] certificateRecord(int version, List<X509Certificate> chain) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        try {
            for (X509Certificate c : chain) {
                byte[] der = c.getEncoded();
                list.write(der.length >>> 16);
                list.write(der.length >>> 8);
                list.write(der.length);
                list.writeBytes(der);
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the forged chain", e);
        }
        byte[] certs = list.toByteArray();
        byte[] body = new byte[3 + certs.length];
        body[0] = (byte) (certs.length >>> 16);
        body[1] = (byte) (certs.length >>> 8);
        body[2] = (byte) certs.length;
        System.arraycopy(certs, 0, body, 3, certs.length);
        return record(0x16, version, handshake(0x0b, body));
    }

    static byte[] serverHelloDoneRecord(int version) {
        return record(0x16, version, handshake(0x0e, new byte[0]));
    }

    /** A fatal handshake_failure(40) alert. */
    static byte[] alertRecord(int version) {
        return record(0x15, version, new byte[] {2, 40});
    }

    static byte[] http(String statusLine, String extraHeaders, String title, String text) {
        String page = "<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + text
                + "</p></body></html>";
        byte[] body = page.getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 " + statusLine + "\r\n"
                + "Server: mediapath-lab-proxy\r\n"
                + "Via: 1.1 mediapath-lab-proxy\r\n"
                + extraHeaders
                + "Content-Type: text/html\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
