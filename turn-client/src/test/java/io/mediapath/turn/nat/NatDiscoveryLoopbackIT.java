package io.mediapath.turn.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.turn.TurnFindingCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.turn.StunTimers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 5780 discovery against a real coturn listening on two loopback addresses (127.0.0.1 and 127.0.0.2, alternate
 * port given explicitly): no NAT on loopback, so the mapped address is the local one, the server's OTHER-ADDRESS is
 * the second address, and CHANGE-REQUEST answers come from where they were asked to. A coturn with one address is
 * the server without RFC 5780. The NATs themselves are made in network namespaces ({@code NatBehaviourNetnsIT}).
 */
class NatDiscoveryLoopbackIT {
    static Coturn rfc5780;
    static Coturn plain;
    static int altPort;

    @BeforeAll
    static void start() {
        altPort = Coturn.freePort();
        rfc5780 = Coturn.builder().line("listening-ip=127.0.0.2").line("alt-listening-port=" + altPort).start();
        plain = Coturn.builder().line("no-rfc5780").start();
    }

    @AfterAll
    static void stop() {
        if (rfc5780 != null) {
            rfc5780.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    @Test
    void noNatOnLoopbackWithEveryTestProven() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), rfc5780.port());
        NatReport r = NatDiscovery.builder().build().discover(server);
        assertThat(r.mapped()).contains(r.local());
        assertThat(r.otherAddress()).as(rfc5780.log())
                .contains(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), altPort));
        assertThat(r.mapping()).isEqualTo(NatBehavior.NO_NAT);
        assertThat(r.filtering()).isEqualTo(NatBehavior.ENDPOINT_INDEPENDENT);
        assertThat(r.hairpinning()).isEqualTo(Hairpinning.NOT_APPLICABLE);
        assertThat(r.iceOutlook()).isEqualTo(IceOutlook.DIRECT_OPEN);
        // the change-IP-and-port answer came from the alternate address, as the server was asked
        NatTransaction f2 = r.proof("filtering").stream().filter(t -> t.test().equals("filtering-2")).findFirst()
                .orElseThrow();
        assertThat(f2.changeRequest()).contains(new ChangeRequest(true, true));
        assertThat(f2.source()).contains(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), altPort));
        assertThat(f2.responseOrigin()).isEqualTo(f2.source());
        assertThat(r.findings()).extracting(f -> f.code()).containsExactly("NAT_NOT_PRESENT");
        for (NatTransaction t : r.transactions()) {
            System.out.println(t.describe());
        }
    }

    @Test
    void aServerWithoutRfc5780IsNamedAndNothingIsGuessed() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), plain.port());
        NatReport r = NatDiscovery.builder().build().discover(server);
        assertThat(r.rfc5780()).isFalse();
        assertThat(r.mapping()).isEqualTo(NatBehavior.NO_NAT);
        assertThat(r.filtering()).isEqualTo(NatBehavior.UNDETERMINED);
        assertThat(r.findings()).extracting(f -> f.code())
                .contains(TurnFindingCodes.NAT_RFC5780_UNSUPPORTED.code());
    }

    @Test
    void silenceIsNoAnswerWithinTheTimerBound() throws Exception {
        int closed = Coturn.freePort();
        long t0 = System.nanoTime();
        NatReport r = NatDiscovery.builder().build()
                .discover(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), closed));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.mapped()).isEmpty();
        assertThat(r.findings()).extracting(f -> f.code()).containsExactly("NAT_DISCOVERY_FAILED");
    }

    /** The probe (a playbook leg) against the RFC 5780 server: every result in the timeline, the outlook as verdict. */
    @Test
    void probeReportsBehaviourAndOutlook() throws Exception {
        List<TimelineEvent> heard = new CopyOnWriteArrayList<>();
        ProbeResult r = NatProbe.create(StunTimers.FAST).run(new TransportAddress("127.0.0.1", rfc5780.port()),
                new ProbeContext(Deadline.after(Duration.ofSeconds(10)), heard::add)).toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
        assertThat(r.verdict()).isEqualTo(IceOutlook.DIRECT_OPEN.name());
        assertThat(r.passed()).isTrue();
        assertThat(r.timeline()).extracting(TimelineEvent::kind).contains("nat.transaction", "nat.mapping",
                "nat.filtering", "nat.hairpinning", "nat.outlook");
        assertThat(r.timeline()).filteredOn(e -> e.kind().equals("nat.mapping")).extracting(TimelineEvent::detail)
                .containsExactly("NO_NAT");
        assertThat(r.timeline()).filteredOn(e -> e.kind().equals("nat.filtering"))
                .extracting(TimelineEvent::detail).containsExactly("ENDPOINT_INDEPENDENT");
        assertThat(r.timeline()).filteredOn(e -> e.kind().equals("nat.outlook")).extracting(TimelineEvent::detail)
                .containsExactly("DIRECT_OPEN " + IceOutlook.DIRECT_OPEN.meaning());
        assertThat(heard).hasSameSizeAs(r.timeline());
        assertThat(r.findings()).extracting(f -> f.code()).containsExactly("NAT_NOT_PRESENT");
    }

    /** Without OTHER-ADDRESS the probe stops after the first answer: one transaction, an informational finding. */
    @Test
    void probeStopsAtTheFirstAnswerWithoutOtherAddress() throws Exception {
        ProbeResult r = NatProbe.create(StunTimers.FAST).run(new TransportAddress("127.0.0.1", plain.port()),
                ProbeContext.withTimeout(Duration.ofSeconds(10))).toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertThat(r.verdict()).isEqualTo(NatProbe.RFC5780_UNSUPPORTED);
        assertThat(r.passed()).isTrue();
        assertThat(r.timeline()).extracting(TimelineEvent::kind).containsExactly("nat.transaction");
        assertThat(r.findings()).extracting(f -> f.code()).contains(TurnFindingCodes.NAT_RFC5780_NOT_OFFERED.code())
                .doesNotContain(TurnFindingCodes.NAT_DISCOVERY_FAILED.code());
        assertThat(r.worstSeverity()).isEqualTo(io.mediapath.ice.Severity.INFO);
    }

    /** Silence: NO_ANSWER, not passed, by the context's deadline (the profile is cut to fit it). */
    @Test
    void probeOfASilentPortEndsByTheDeadline() throws Exception {
        int closed = Coturn.freePort();
        ProbeResult r = NatProbe.create(StunTimers.RFC8489).run(new TransportAddress("127.0.0.1", closed),
                ProbeContext.withTimeout(Duration.ofSeconds(2))).toCompletableFuture().get(6, TimeUnit.SECONDS);
        assertThat(r.verdict()).isEqualTo(NatProbe.NO_ANSWER);
        assertThat(r.passed()).isFalse();
        assertThat(r.timeline()).hasSize(1);
    }
}
