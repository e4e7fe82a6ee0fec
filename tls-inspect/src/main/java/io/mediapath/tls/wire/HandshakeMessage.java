package io.mediapath.tls.wire;

/**
 * One reassembled handshake message (it may have spanned several records).
 *
 * @param type        handshake type (2 ServerHello, 11 Certificate, 14 ServerHelloDone, ...)
 * @param body        the message body, without the 4-byte header
 * @param firstRecord index of the record holding the header
 * @param lastRecord  index of the record that completed it
 */
public record HandshakeMessage(int type, byte[] body, int firstRecord, int lastRecord) {

    /** Handshake type: ServerHello. */
    public static final int SERVER_HELLO = 2;
    /** Handshake type: Certificate. */
    public static final int CERTIFICATE = 11;
    /** Handshake type: ServerKeyExchange. */
    public static final int SERVER_KEY_EXCHANGE = 12;
    /** Handshake type: ServerHelloDone. */
    public static final int SERVER_HELLO_DONE = 14;

    /** The message's name, e.g. {@code ServerHello}, or {@code handshake(n)}. */
    public String name() {
        return name(type);
    }

    /** The name of handshake type {@code t}. */
    public static String name(int t) {
        return switch (t) {
            case 0 -> "HelloRequest";
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 4 -> "NewSessionTicket";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 20 -> "Finished";
            case 22 -> "CertificateStatus";
            default -> "handshake(" + t + ")";
        };
    }
}
