package io.mediapath.diagnose.playbook;

import io.mediapath.ice.receipt.ReceiptToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The edge playbook with the two-ended proof, from inside the client namespace: {@code RELAY_IP TOKENFILE} (the
 * responder stands in for the relay at RELAY_IP, UDP 3478 and TCP 443). Prints {@code key=value} lines for {@link
 * ResponderPlaybookNetnsIT}: {@code rootCause}, {@code product}, and per leg {@code leg.<name>=STATUS verdict},
 * {@code product.<name>=…}, {@code inspection.<name>=<tls-inspect verdict>}, {@code detail.<name>=…}. The token is
 * never printed.
 */
public final class NetnsResponderPlaybookMain {
    private NetnsResponderPlaybookMain() {
    }

    public static void main(String[] args) throws Exception {
        ReceiptToken token = ReceiptToken.fromText(Files.readString(Path.of(args[1])));
        // 10 s instead of the diagnostic 3 s: a fresh JVM on a loaded machine loads its TLS and Netty classes slowly
        PlaybookOptions o = PlaybookOptions.builder().environment(Map.of()).proxySelector(null)
                .deadline(Duration.ofSeconds(10))
                .responder(new PlaybookOptions.ResponderCheck(args[0], 3478, 443, token, Optional.of("relay.lync.test")))
                .build();
        EdgeTarget t = EdgeTarget.builder(args[0]).dialect(Dialect.MS_TURN).udpPort(3478).tcpPort(443)
                .sni("relay.lync.test").build();
        EdgeReport r = EdgePlaybook.create(o).run(t).toCompletableFuture().get(30, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        out.append("rootCause=").append(r.rootCause().code()).append('\n');
        out.append("product=").append(r.rootCause().product().orElse("")).append('\n');
        out.append("summary=").append(r.rootCause().summary().replace('\n', ' ')).append('\n');
        for (LegResult l : r.legs()) {
            out.append("leg.").append(l.name()).append('=').append(l.status()).append(' ')
                    .append(l.result().verdict()).append('\n');
            out.append("product.").append(l.name()).append('=').append(l.product().orElse("")).append('\n');
            out.append("inspection.").append(l.name()).append('=')
                    .append(l.inspection().map(i -> i.verdict().name()).orElse("")).append('\n');
            out.append("detail.").append(l.name()).append('=').append(l.detail().replace('\n', ' ')).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
