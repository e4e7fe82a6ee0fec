package io.mediapath.benchmarks.ice;

import io.mediapath.ice.AuditReport;
import io.mediapath.ice.CandidateAudit;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.ice.SdpSource;
import io.mediapath.sdp.SessionDescription;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Candidate audit of one SDP (goal: at most 10 µs). Measured against its own peer in the same run: parsing the same
 * SDP with sdp-model ({@code parseOnly}), so the figure to read is the ratio audit/parse, which is stable across
 * machines. {@code auditOfferAnswer} adds the answer, pair formation and the feasibility estimate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CandidateAuditBenchmark {

    /** An SfB-style audio offer with host, UDP relay and MS active-TCP placeholder candidates (made up). */
    static final String OFFER = String.join("\r\n",
            "v=0", "o=- 0 0 IN IP4 10.20.30.40", "s=session", "c=IN IP4 10.20.30.40", "b=CT:99980", "t=0 0",
            "m=audio 50020 RTP/SAVP 114 9 0 8 101",
            "a=ice-ufrag:Qk3v", "a=ice-pwd:t9JcVhd2mQe1xYb4LzR8nWfA",
            "a=candidate:1 1 UDP 2130706431 10.20.30.40 50020 typ host",
            "a=candidate:1 2 UDP 2130705918 10.20.30.40 50021 typ host",
            "a=candidate:2 1 UDP 184548351 198.51.100.10 53410 typ relay raddr 10.20.30.40 rport 50022",
            "a=candidate:2 2 UDP 184547838 198.51.100.10 53411 typ relay raddr 10.20.30.40 rport 50023",
            "a=candidate:3 1 TCP-ACT 1684797951 10.20.30.40 50024 typ srflx raddr 10.20.30.40 rport 50024",
            "a=candidate:3 2 TCP-ACT 1684797438 10.20.30.40 50024 typ srflx raddr 10.20.30.40 rport 50024",
            "a=rtpmap:114 x-msrta/16000", "a=rtpmap:9 G722/8000", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000", "a=ptime:20",
            "m=applicationsharing 50040 TCP/RTP/AVP 127",
            "a=candidate:1 1 TCP-ACT 2020212991 10.20.30.40 50040 typ host",
            "a=candidate:2 1 TCP-PASS 2019819775 10.20.30.40 50040 typ host",
            "a=rtpmap:127 x-data/90000", "");

    static final String ANSWER = String.join("\r\n",
            "v=0", "o=- 0 1 IN IP4 192.168.1.23", "s=session", "c=IN IP4 192.168.1.23", "t=0 0",
            "m=audio 50030 RTP/SAVP 114",
            "a=candidate:1 1 UDP 2130706431 192.168.1.23 50030 typ host",
            "a=candidate:2 1 UDP 1694498815 203.0.113.45 50030 typ srflx raddr 192.168.1.23 rport 50030",
            "a=candidate:3 1 UDP 184548351 198.51.100.10 54210 typ relay raddr 192.168.1.23 rport 50032",
            "m=applicationsharing 50020 TCP/RTP/AVP 127",
            "a=candidate:1 1 TCP-PASS 2019819775 192.168.1.23 50020 typ host",
            "a=candidate:4 1 TCP-ACT 174719231 198.51.100.10 55012 typ relay raddr 192.168.1.23 rport 50020", "");

    SessionDescription offer;
    SessionDescription answer;

    @Setup
    public void setup() {
        offer = SessionDescription.parse(OFFER);
        answer = SessionDescription.parse(ANSWER);
    }

    /** The peer: parsing the same SDP (what any consumer of the audit pays anyway). */
    @Benchmark
    public SessionDescription parseOnly() {
        return SessionDescription.parse(OFFER);
    }

    /** The audit of an already parsed offer (fresh candidate views each time: the model caches nothing across runs). */
    @Benchmark
    public AuditReport auditOffer() {
        return CandidateAudit.audit(SdpSource.of(SessionDescription.parse(OFFER), "offer"));
    }

    /** Offer + answer: pair formation and feasibility as well. */
    @Benchmark
    public AuditReport auditOfferAnswer() {
        return CandidateAudit.builder(SdpSource.of(offer, "offer")).answer(SdpSource.of(answer, "answer"))
                .locations(Location.INTRANET, Location.INTERNET).build().run();
    }
}
