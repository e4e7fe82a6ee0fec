package io.mediapath.tls.wire;

import io.mediapath.ice.wire.BigEndian;
import io.mediapath.tls.FlightRecord;
import io.mediapath.tls.ServerHello;
import io.mediapath.tls.TlsAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser of a server's flight: feed it each socket read in order; it splits records (RFC 5246 §6.2),
 * reassembles handshake messages across records, decodes alerts, parses the ServerHello(s) and a TLS 1.2
 * Certificate message, and remembers which read carried each record. It never throws: malformed input stops
 * parsing and is reported by {@link #error()}. Memory is bounded by {@link #MAX_FLIGHT}.
 *
 * <p>Not thread-safe; a probe feeds it from its channel's event loop.
 */
public final class TlsFlightParser {

    /** Bytes of flight kept at most; a server flight with a long chain is well below this. */
    public static final int MAX_FLIGHT = 256 * 1024;
    /** Largest record fragment a TLS peer may send (TLSCiphertext: 2^14 + 2048). */
    public static final int MAX_RECORD = 16384 + 2048;
    /** Records kept at most. */
    public static final int MAX_RECORDS = 512;

    private byte[] pending = new byte[0];
    private int pendingStart;          // absolute offset of pending[0]
    private int total;                 // absolute bytes fed
    private final List<Integer> readStarts = new ArrayList<>();
    private final List<FlightRecord> records = new ArrayList<>();
    private final List<HandshakeMessage> messages = new ArrayList<>();
    private final List<TlsAlert> alerts = new ArrayList<>();
    private final List<ServerHello> serverHellos = new ArrayList<>();
    private List<byte[]> certificates = List.of();
    private byte[] hs = new byte[0];   // handshake bytes awaiting a complete message
    private int hsFirstRecord = -1;
    private boolean changeCipherSpecSeen;
    private int version = -1;          // selected version from the last ServerHello
    private String error;

    /** Feeds one read, in arrival order. */
    public void feed(byte[] chunk) {
        readStarts.add(total);
        if (error != null || chunk.length == 0) {
            total += chunk.length;
            return;
        }
        if (total + chunk.length > MAX_FLIGHT) {
            error = "flight larger than " + MAX_FLIGHT + " bytes";
            total += chunk.length;
            return;
        }
        total += chunk.length;
        byte[] p = Arrays.copyOf(pending, pending.length + chunk.length);
        System.arraycopy(chunk, 0, p, pending.length, chunk.length);
        pending = p;
        try {
            drain();
        } catch (WireFormatException e) {
            error = e.getMessage();
        }
    }

    private void drain() throws WireFormatException {
        int pos = 0;
        while (pending.length - pos >= 5) {
            int type = pending[pos] & 0xff;
            int major = pending[pos + 1] & 0xff;
            int ver = BigEndian.u16(pending, pos + 1);
            int len = BigEndian.u16(pending, pos + 3);
            if (type < 20 || type > 24) {
                throw new WireFormatException("not a TLS record: content type " + type, pendingStart + pos);
            }
            if (major != 3) {
                throw new WireFormatException(String.format("not a TLS record: version 0x%04x", ver), pendingStart + pos);
            }
            if (len > MAX_RECORD) {
                throw new WireFormatException("record length " + len + " > " + MAX_RECORD, pendingStart + pos);
            }
            if (pending.length - pos < 5 + len) {
                break;
            }
            if (records.size() == MAX_RECORDS) {
                throw new WireFormatException("more than " + MAX_RECORDS + " records", pendingStart + pos);
            }
            byte[] fragment = Arrays.copyOfRange(pending, pos + 5, pos + 5 + len);
            int first = readIndexOf(pendingStart + pos);
            int last = readIndexOf(pendingStart + pos + 5 + len - 1);
            int index = records.size();
            List<String> contents = record(index, type, fragment);
            records.add(new FlightRecord(index, type, ver, len, first, last, contents));
            pos += 5 + len;
        }
        pending = Arrays.copyOfRange(pending, pos, pending.length);
        pendingStart += pos;
    }

    private List<String> record(int index, int type, byte[] fragment) throws WireFormatException {
        List<String> contents = new ArrayList<>();
        boolean encrypted = type == 23 || (changeCipherSpecSeen && version >= 0 && version < 0x0304);
        if (encrypted) {
            contents.add("encrypted");
            return contents;
        }
        switch (type) {
            case 20 -> {
                changeCipherSpecSeen = true;
                contents.add("ChangeCipherSpec");
            }
            case 21 -> {
                if (fragment.length % 2 != 0 || fragment.length == 0) {
                    contents.add("alert(" + fragment.length + " bytes)");
                } else {
                    for (int i = 0; i < fragment.length; i += 2) {
                        TlsAlert a = new TlsAlert(fragment[i] & 0xff, fragment[i + 1] & 0xff);
                        alerts.add(a);
                        contents.add("alert " + a.descriptionName());
                    }
                }
            }
            case 22 -> handshake(index, fragment, contents);
            default -> contents.add("heartbeat");
        }
        return contents;
    }

    private void handshake(int index, byte[] fragment, List<String> contents) throws WireFormatException {
        if (hs.length == 0) {
            hsFirstRecord = index;
        } else {
            contents.add("continuation");
        }
        if (hs.length + fragment.length > MAX_FLIGHT) {
            throw new WireFormatException("handshake message larger than " + MAX_FLIGHT, 0);
        }
        byte[] b = Arrays.copyOf(hs, hs.length + fragment.length);
        System.arraycopy(fragment, 0, b, hs.length, fragment.length);
        hs = b;
        int pos = 0;
        while (hs.length - pos >= 4) {
            int mtype = hs[pos] & 0xff;
            int mlen = BigEndian.u24(hs, pos + 1);
            if (mlen > MAX_FLIGHT) {
                throw new WireFormatException("handshake message length " + mlen, pos);
            }
            if (hs.length - pos - 4 < mlen) {
                break;
            }
            byte[] body = Arrays.copyOfRange(hs, pos + 4, pos + 4 + mlen);
            HandshakeMessage m = new HandshakeMessage(mtype, body, hsFirstRecord, index);
            messages.add(m);
            contents.remove("continuation");
            contents.add(m.name());
            onMessage(m);
            pos += 4 + mlen;
            hsFirstRecord = index;
        }
        hs = Arrays.copyOfRange(hs, pos, hs.length);
        if (hs.length > 0) {
            contents.add("fragment");
        }
    }

    private void onMessage(HandshakeMessage m) throws WireFormatException {
        if (m.type() == HandshakeMessage.SERVER_HELLO) {
            ServerHello sh = ServerHelloParser.parse(m.body());
            serverHellos.add(sh);
            version = sh.selectedVersion();
        } else if (m.type() == HandshakeMessage.CERTIFICATE && certificates.isEmpty()) {
            certificates = List.copyOf(CertificateMessageParser.parse(m.body()));
        }
    }

    private int readIndexOf(int absoluteOffset) {
        for (int i = readStarts.size() - 1; i >= 0; i--) {
            if (readStarts.get(i) <= absoluteOffset) {
                return i;
            }
        }
        return 0;
    }

    /** Records completed so far. */
    public List<FlightRecord> records() {
        return List.copyOf(records);
    }

    /** Handshake messages completed so far, in order. */
    public List<HandshakeMessage> messages() {
        return List.copyOf(messages);
    }

    /** Plaintext alerts received. */
    public List<TlsAlert> alerts() {
        return List.copyOf(alerts);
    }

    /** ServerHellos in order (a HelloRetryRequest first, when there was one). */
    public List<ServerHello> serverHellos() {
        return List.copyOf(serverHellos);
    }

    /** DER certificates of the first plaintext (TLS 1.0–1.2) Certificate message, leaf first. */
    public List<byte[]> certificates() {
        return certificates;
    }

    /** True when a message of the given handshake type was completed. */
    public boolean hasMessage(int type) {
        return messages.stream().anyMatch(m -> m.type() == type);
    }

    /** Bytes received that do not yet form a whole record. */
    public int pendingBytes() {
        return pending.length + hs.length;
    }

    /** Bytes fed in total. */
    public int totalBytes() {
        return total;
    }

    /** Why parsing stopped, or null while the input is well-formed. */
    public String error() {
        return error;
    }

    /** True once the input turned out not to be a well-formed TLS flight. */
    public boolean malformed() {
        return error != null;
    }
}
