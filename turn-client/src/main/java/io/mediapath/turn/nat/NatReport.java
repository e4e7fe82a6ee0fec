package io.mediapath.turn.nat;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.turn.TurnFindingCodes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link NatDiscovery} found about the NAT between this host and a STUN server, with the transactions that prove
 * each result ({@link #proof(String)}: {@code mapping}, {@code filtering}, {@code hairpin}, {@code lifetime}).
 *
 * @param server       the STUN server's primary address
 * @param local        the local socket of the mapping tests
 * @param mapped       the mapped (server-reflexive) address of the first test
 * @param otherAddress the server's OTHER-ADDRESS; absent when it does not support RFC 5780
 * @param mapping      mapping behaviour
 * @param filtering    filtering behaviour
 * @param hairpinning  hairpinning
 * @param lifetime     the binding-lifetime search, when asked for and possible
 * @param transactions every transaction, in the order sent
 * @param strayPackets datagrams that were not the awaited answer (other transactions, not STUN), ignored
 */
public record NatReport(InetSocketAddress server, InetSocketAddress local, Optional<InetSocketAddress> mapped,
                        Optional<InetSocketAddress> otherAddress, NatBehavior mapping, NatBehavior filtering,
                        Hairpinning hairpinning, Optional<BindingLifetime> lifetime, List<NatTransaction> transactions,
                        int strayPackets) {
    /** Below this binding lifetime ICE keepalives (RFC 8445 Tr = 15 s) cannot hold a mapping. */
    public static final Duration KEEPALIVE = Duration.ofSeconds(15);

    public NatReport {
        transactions = List.copyOf(transactions);
    }

    /** Whether the server answered with OTHER-ADDRESS (RFC 5780 NAT behaviour discovery). */
    public boolean rfc5780() {
        return otherAddress.isPresent();
    }

    /** What the behaviour means for ICE between two sites behind NATs like this one. */
    public IceOutlook iceOutlook() {
        return IceOutlook.of(mapping, filtering);
    }

    /** The transactions of one test ({@code mapping}, {@code filtering}, {@code hairpin}, {@code lifetime}). */
    public List<NatTransaction> proof(String test) {
        return transactions.stream().filter(t -> t.test().equals(test) || t.test().startsWith(test + "-")).toList();
    }

    /** Findings from turn-client's catalogue, each with its proving transactions as evidence. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        String source = "nat " + NatTransaction.hostPort(server);
        if (mapped.isEmpty()) {
            out.add(TurnFindingCodes.NAT_DISCOVERY_FAILED.builder()
                    .summary("no answer to the first Binding from " + NatTransaction.hostPort(local) + " to "
                            + NatTransaction.hostPort(server))
                    .evidence(evidence(source, proof("mapping"))).build());
            return out;
        }
        if (!rfc5780()) {
            out.add(TurnFindingCodes.NAT_RFC5780_UNSUPPORTED.builder()
                    .summary("the server's answer has no OTHER-ADDRESS; mapped address "
                            + NatTransaction.hostPort(mapped.get()) + (mapping == NatBehavior.NO_NAT ? " (no NAT)" : ""))
                    .evidence(evidence(source, proof("mapping"))).build());
        }
        if (mapping == NatBehavior.NO_NAT) {
            out.add(TurnFindingCodes.NAT_NOT_PRESENT.builder()
                    .summary("mapped address " + NatTransaction.hostPort(mapped.get()) + " is the local address")
                    .evidence(evidence(source, proof("mapping"))).build());
        } else if (mapping == NatBehavior.ENDPOINT_INDEPENDENT) {
            out.add(TurnFindingCodes.NAT_MAPPING_INDEPENDENT.builder()
                    .summary("endpoint-independent mapping: " + NatTransaction.hostPort(mapped.get())
                            + " for every destination; " + iceOutlook().meaning())
                    .evidence(evidence(source, proof("mapping"))).build());
        } else if (mapping == NatBehavior.ADDRESS_DEPENDENT || mapping == NatBehavior.ADDRESS_AND_PORT_DEPENDENT) {
            out.add(TurnFindingCodes.NAT_MAPPING_DEPENDENT.builder()
                    .summary(mapping.label() + " mapping: " + iceOutlook().meaning())
                    .evidence(evidence(source, proof("mapping"))).build());
        }
        if (filtering == NatBehavior.ADDRESS_DEPENDENT || filtering == NatBehavior.ADDRESS_AND_PORT_DEPENDENT) {
            out.add(TurnFindingCodes.NAT_FILTERING_RESTRICTED.builder()
                    .summary(filtering.label() + " filtering: packets from a peer pass only after this side sent to it")
                    .evidence(evidence(source, proof("filtering"))).build());
        }
        if (hairpinning == Hairpinning.NOT_SUPPORTED) {
            out.add(TurnFindingCodes.NAT_HAIRPIN_UNSUPPORTED.builder()
                    .summary("a Binding request sent to our own mapped address " + NatTransaction.hostPort(mapped.get())
                            + " never came back inside")
                    .evidence(evidence(source, proof("hairpin"))).build());
        }
        lifetime.filter(l -> l.expiredAfter().isPresent() && l.expiredAfter().get().compareTo(KEEPALIVE) <= 0)
                .ifPresent(l -> out.add(TurnFindingCodes.NAT_BINDING_SHORT.builder()
                        .summary("a UDP mapping lives " + l.describe() + ", not longer than ICE's 15 s keepalive")
                        .evidence(evidence(source, proof("lifetime"))).build()));
        return out;
    }

    /** The worst severity of {@link #findings()}, or INFO. */
    public Severity worst() {
        return findings().stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
    }

    private static List<Evidence> evidence(String source, List<NatTransaction> ts) {
        return ts.stream().map(t -> Evidence.step(source, t.test(), t.elapsed(), t.describe())).toList();
    }
}
