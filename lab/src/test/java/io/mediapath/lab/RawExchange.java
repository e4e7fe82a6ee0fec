package io.mediapath.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: connect, send bytes, and record each read until EOF, reset or a deadline, the way a probe would
 * see the answer. Used by lab tests only (tls-inspect has its own probe).
 *
 * @param connected whether TCP connect succeeded
 * @param reads every chunk one read() returned
 * @param end how the exchange ended: EOF, RESET, TIMEOUT or ENOUGH
 */
public record RawExchange(boolean connected, List<byte[]> reads, String end) {

    /** All bytes received. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reads.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The received bytes as ISO-8859-1 text. */
    public String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code hello} to host:port and reads until EOF/RST, until {@code enough} bytes arrived, or until no
     * byte came for {@code quietMillis}.
     */
    public static RawExchange run(String host, int port, byte[] hello, int enough, int quietMillis) throws IOException {
        List<byte[]> reads = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setTcpNoDelay(true);
            s.setSoTimeout(quietMillis);
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int total = 0;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    return new RawExchange(true, reads, "TIMEOUT");
                } catch (SocketException e) {
                    return new RawExchange(true, reads, "RESET");
                }
                if (n < 0) {
                    return new RawExchange(true, reads, "EOF");
                }
                reads.add(java.util.Arrays.copyOf(buf, n));
                total += n;
                if (total >= enough) {
                    return new RawExchange(true, reads, "ENOUGH");
                }
            }
        }
    }

    /** TLS handshake message types of every complete plaintext record in {@code data}, in order. */
    public static List<Integer> handshakeTypes(byte[] data) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i + 5 <= data.length) {
            int len = ((data[i + 3] & 0xff) << 8) | (data[i + 4] & 0xff);
            if (i + 5 + len > data.length) {
                break;
            }
            if (data[i] == 0x16) {
                int j = i + 5;
                while (j + 4 <= i + 5 + len) {
                    out.add(data[j] & 0xff);
                    j += 4 + (((data[j + 1] & 0xff) << 16) | ((data[j + 2] & 0xff) << 8) | (data[j + 3] & 0xff));
                }
            }
            i += 5 + len;
        }
        return out;
    }
}
