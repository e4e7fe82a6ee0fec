package io.mediapath.diagnose.playbook;

import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.responder.Responder;
import io.mediapath.responder.ResponderOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The responder as the relay of a test's namespace topology: {@code IP TOKENFILE} → listens on IP:443 (TCP) and
 * IP:3478 (UDP), logs arrivals to stdout, runs until killed. Used by {@link ResponderPlaybookNetnsIT}.
 */
public final class NetnsResponderRelayMain {
    private NetnsResponderRelayMain() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress ip = InetAddress.getByName(args[0]);
        ReceiptToken token = ReceiptToken.fromText(Files.readString(Path.of(args[1])));
        Responder r = Responder.start(ResponderOptions.builder().token(token).tcp(new InetSocketAddress(ip, 443))
                .udp(new InetSocketAddress(ip, 3478)).certificateName("relay.lync.test")
                .arrivalLog(line -> {
                    System.out.println(line);
                    System.out.flush();
                }).build());
        System.out.println("listening " + r.tcpAddresses() + " " + r.udpAddresses());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
