package io.mediapath.responder;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.receipt.ReceiptToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The near end inside the client namespace: {@code RESPONDER_IP TOKENFILE} → one line per leg,
 * {@code leg=<label> conclusion=<C> egress=<ip or -> first=<offset or -> detail=<…>}. Used by {@link ResponderNetnsIT}.
 */
public final class NetnsProofMain {
    private NetnsProofMain() {
    }

    public static void main(String[] args) throws Exception {
        ReceiptToken token = ReceiptToken.fromText(Files.readString(Path.of(args[1])));
        for (ProofLeg leg : ProofLeg.values()) {
            LegProof p = ReceiptProbe.of(leg, token, "responder.netns.test")
                    .prove(new TransportAddress(args[0], leg.udp() ? 3478 : 443), Deadline.after(Duration.ofSeconds(8)));
            System.out.println("leg=" + leg.label() + " conclusion=" + p.conclusion() + " egress="
                    + p.verdict().egress().map(e -> e.getAddress().getHostAddress()).orElse("-") + " first="
                    + p.verdict().firstDifference().map(String::valueOf).orElse("-") + " detail="
                    + p.verdict().detail().replace('\n', ' ') + " answer=" + p.answer());
        }
        System.out.flush();
    }
}
