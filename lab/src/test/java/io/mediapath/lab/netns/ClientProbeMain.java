package io.mediapath.lab.netns;

import io.mediapath.lab.RawExchange;
import io.mediapath.lab.TrustAll;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs inside the client namespace (started by {@link NetnsSeedTopology#runJavaInClient}): {@code tcp HOST PORT}
 * prints {@code connect=ok|failed}; {@code pseudo HOST PORT HEX} sends the hello and prints {@code end=} and
 * {@code bytes=}; {@code tls HOST PORT} prints the presented chain's {@code subject=} and {@code issuer=}.
 */
public final class ClientProbeMain {

    private ClientProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "tcp" -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), 3000);
                    System.out.println("connect=ok");
                } catch (java.io.IOException e) {
                    System.out.println("connect=failed " + e);
                }
            }
            case "pseudo" -> {
                RawExchange x = RawExchange.run(host, port, HexFormat.of().parseHex(args[3]), 83, 5000);
                System.out.println("end=" + x.end());
                System.out.println("bytes=" + HexFormat.of().formatHex(x.bytes()));
            }
            case "tls" -> {
                List<X509Certificate> chain = TrustAll.chain(host, port, "relay.lync.test");
                System.out.println("subject=" + chain.get(0).getSubjectX500Principal().getName());
                System.out.println("issuer=" + chain.get(0).getIssuerX500Principal().getName());
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
