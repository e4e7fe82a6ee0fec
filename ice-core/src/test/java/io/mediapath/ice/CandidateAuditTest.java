package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.SessionDescription;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateAuditTest {

    static String resource(String name) {
        try (InputStream in = CandidateAuditTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SdpSource sdp(String text, String name) {
        return SdpSource.of(SessionDescription.parse(text), name);
    }

    static List<Finding> codes(AuditReport r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void seedAppSharingOfferAloneHasNoTcpRelayAndOnlyPrivateHosts() {
        AuditReport r = CandidateAudit.audit(sdp(resource("seed-appsharing-offer.sdp"), "appsharing.sdp"));
        assertThat(r.codes()).contains(FindingCodes.NO_TCP_RELAY_CANDIDATE.code(), FindingCodes.NO_RELAY_CANDIDATE.code(),
                FindingCodes.HOST_ONLY_CANDIDATES.code(), FindingCodes.PRIVATE_ADDRESSES_ONLY.code(), FindingCodes.NO_SRFLX_CANDIDATE.code())
                .doesNotContain(FindingCodes.APPSHARING_NOT_TCP.code(), FindingCodes.NO_FEASIBLE_PAIR.code());
        Finding tcp = codes(r, FindingCodes.NO_TCP_RELAY_CANDIDATE.code()).get(0);
        assertThat(tcp.severity()).isEqualTo(Severity.ERROR);
        assertThat(tcp.evidence()).first().satisfies(e -> {
            assertThat(e.source()).isEqualTo("appsharing.sdp");
            assertThat(e.location()).isEqualTo("line 7");
            assertThat(e.excerpt()).isEqualTo("m=applicationsharing 50040 TCP/RTP/AVP 127");
        });
        assertThat(tcp.evidence()).extracting(Evidence::location).contains("line 10", "line 12");
        assertThat(tcp.remedy()).contains("by IP address").contains("SNI");
        assertThat(r.worstSeverity()).isEqualTo(Severity.ERROR);
        assertThat(r.media()).singleElement().satisfies(m -> {
            assertThat(m.offerMatrix().count(CandidateType.HOST, CandidateTransport.TCP_ACTIVE)).isEqualTo(2);
            assertThat(m.offerMatrix().count(CandidateType.RELAYED)).isZero();
        });
    }

    @Test
    void relatedVoiceOfferWithUdpRelayIsCitedAsTheContrast() {
        SdpSource audio = sdp(resource("seed-audio-offer.sdp"), "voice INVITE");
        AuditReport r = CandidateAudit.builder(sdp(resource("seed-appsharing-offer.sdp"), "appsharing INVITE"))
                .relatedOffer(audio).build().run();
        Finding tcp = codes(r, FindingCodes.NO_TCP_RELAY_CANDIDATE.code()).get(0);
        assertThat(tcp.summary()).contains("while audio (voice INVITE line 7) has a UDP relay").contains("TCP 443");
        assertThat(tcp.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("voice INVITE");
            assertThat(e.excerpt()).contains("UDP 184548351 198.51.100.10 53410 typ relay");
        });
    }

    @Test
    void voiceOfferWithUdpRelayButNoTcpRelayIsAWarning() {
        AuditReport r = CandidateAudit.audit(sdp(resource("seed-audio-offer.sdp"), "audio.sdp"));
        assertThat(r.codes()).containsExactlyInAnyOrder(FindingCodes.NO_TCP_RELAY_CANDIDATE.code(), FindingCodes.NO_SRFLX_CANDIDATE.code());
        Finding tcp = codes(r, FindingCodes.NO_TCP_RELAY_CANDIDATE.code()).get(0);
        assertThat(tcp.severity()).isEqualTo(Severity.WARNING);
        assertThat(tcp.summary()).contains("a UDP relay but no TCP relay");
        // The TCP-ACT 'srflx' with raddr == own address is a host placeholder, not a reflexive address.
        assertThat(codes(r, FindingCodes.NO_SRFLX_CANDIDATE.code()).get(0).summary()).contains("placeholder");
    }

    @Test
    void offerInOneSdpWithAudioAndAppSharingCorrelatesSections() {
        String audio = resource("seed-audio-offer.sdp");
        String app = resource("seed-appsharing-offer.sdp");
        String both = audio + app.substring(app.indexOf("m=applicationsharing"));
        AuditReport r = CandidateAudit.audit(sdp(both, "both.sdp"));
        Finding appTcp = r.findings().stream()
                .filter(f -> f.code().equals(FindingCodes.NO_TCP_RELAY_CANDIDATE.code()) && f.severity() == Severity.ERROR)
                .findFirst().orElseThrow();
        assertThat(appTcp.summary()).contains("applicationsharing").contains("while audio (line 7) has a UDP relay");
        assertThat(r.media()).hasSize(2);
    }

    @Test
    void answerFromTheInternetWithIntranetOffererHasNoFeasiblePair() {
        AuditReport r = CandidateAudit.builder(sdp(resource("seed-appsharing-offer.sdp"), "INVITE"))
                .answer(sdp(resource("seed-appsharing-answer.sdp"), "200 OK"))
                .locations(Location.INTRANET, Location.INTERNET)
                .build().run();
        Finding nf = codes(r, FindingCodes.NO_FEASIBLE_PAIR.code()).get(0);
        assertThat(nf.severity()).isEqualTo(Severity.ERROR);
        assertThat(nf.summary()).contains("offerer intranet, answerer internet");
        assertThat(nf.evidence()).extracting(Evidence::source).contains("INVITE", "200 OK");
        MediaAudit m = r.media().get(0);
        assertThat(m.pairs()).isNotEmpty().noneMatch(Feasibility.PairVerdict::feasible);
        assertThat(m.answerMatrix()).hasValueSatisfying(x -> assertThat(x.countTcp(CandidateType.RELAYED)).isEqualTo(4));
        // The answer itself is healthy: no relay findings about it.
        assertThat(r.findings()).noneMatch(f -> f.summary().startsWith("answer") && f.code().contains("RELAY"));
    }

    @Test
    void unknownLocationsGiveTheBenefitOfTheDoubt() {
        AuditReport r = CandidateAudit.builder(sdp(resource("seed-appsharing-offer.sdp"), "INVITE"))
                .answer(sdp(resource("seed-appsharing-answer.sdp"), "200 OK")).build().run();
        assertThat(r.codes()).doesNotContain(FindingCodes.NO_FEASIBLE_PAIR.code());
        assertThat(r.media().get(0).hasFeasiblePair()).isTrue();
    }

    @Test
    void appSharingOverUdpIsFlagged() {
        String text = resource("seed-appsharing-offer.sdp").replace("TCP/RTP/AVP", "RTP/AVP")
                .replace("a=candidate:1 1 TCP-ACT 2020212991", "a=candidate:1 1 UDP 2130706431");
        AuditReport r = CandidateAudit.audit(sdp(text, "x.sdp"));
        Finding f = codes(r, FindingCodes.APPSHARING_NOT_TCP.code()).get(0);
        assertThat(f.summary()).contains("uses protocol RTP/AVP");
        assertThat(f.evidence()).extracting(Evidence::excerpt).anyMatch(e -> e.contains("UDP 2130706431"));
    }

    @Test
    void malformedCandidateIsAFindingNotACrash() {
        String text = resource("seed-audio-offer.sdp").replace("a=ptime:20", "a=candidate:9 1 UDP notanumber 10.0.0.1 5 typ host");
        AuditReport r = CandidateAudit.audit(sdp(text, "bad.sdp"));
        Finding f = codes(r, FindingCodes.MALFORMED_CANDIDATE.code()).get(0);
        assertThat(f.evidence()).singleElement().satisfies(e -> assertThat(e.excerpt()).contains("notanumber"));
    }

    @Test
    void rejectedMediaSectionIsNotAudited() {
        String text = resource("seed-appsharing-offer.sdp").replace("m=applicationsharing 50040", "m=applicationsharing 0");
        assertThat(CandidateAudit.audit(sdp(text, "x")).findings()).isEmpty();
    }

    // ------------------------------------------------------------------ the Lync/SfB samples

    @Test
    void sfbOfferWithAllThreeRelayKindsIsClean() {
        AuditReport r = CandidateAudit.audit(sdp(TestData.sample("lync/sfb-offer-audio-udp-and-tcp-relay.sdp"), "sfb-relay"));
        assertThat(r.codes()).containsExactly(FindingCodes.NO_SRFLX_CANDIDATE.code());
        assertThat(r.hasAtLeast(Severity.WARNING)).isFalse();
        CandidateMatrix m = r.media().get(0).offerMatrix();
        assertThat(m.count(CandidateType.RELAYED, CandidateTransport.UDP)).isEqualTo(2);
        assertThat(m.count(CandidateType.RELAYED, CandidateTransport.TCP_ACTIVE)).isEqualTo(2);
        assertThat(m.count(CandidateType.RELAYED, CandidateTransport.TCP_PASSIVE)).isEqualTo(2);
        assertThat(m.count(CandidateType.HOST, CandidateTransport.TCP_ACTIVE)).isEqualTo(2); // the srflx placeholders
    }

    @Test
    void sfbHostOnlyOfferHasNoRelay() {
        AuditReport r = CandidateAudit.audit(sdp(TestData.sample("lync/sfb-offer-host-only-no-relay.sdp"), "sfb-host-only"));
        assertThat(codes(r, FindingCodes.NO_RELAY_CANDIDATE.code())).hasSize(2);
        assertThat(codes(r, FindingCodes.HOST_ONLY_CANDIDATES.code())).hasSize(2);
        assertThat(r.codes()).doesNotContain(FindingCodes.NO_TCP_RELAY_CANDIDATE.code(), FindingCodes.APPSHARING_NOT_TCP.code());
    }

    @Test
    void truncatedAppSharingOfferFromTheServerIsHealthy() {
        AuditReport r = CandidateAudit.audit(sdp(TestData.sample("lync/sfb-appsharing-offer.TRUNCATED.sdp"), "appsharing"));
        assertThat(r.codes()).doesNotContain(FindingCodes.NO_RELAY_CANDIDATE.code(), FindingCodes.NO_TCP_RELAY_CANDIDATE.code(),
                FindingCodes.APPSHARING_NOT_TCP.code(), FindingCodes.HOST_ONLY_CANDIDATES.code());
        assertThat(r.media().get(0).offerMatrix().countTcp(CandidateType.RELAYED)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void lyncMultipartPartsAgree() {
        SdpSource rfc = sdp(TestData.sample("lync/lync-invite-part2-rfc5245.sdp"), "part 2");
        SdpSource d6 = sdp(TestData.sample("lync/lync-invite-part1-msice-draft6.sdp"), "part 1");
        AuditReport r = CandidateAudit.builder(rfc).fallbackOffer(d6).build().run();
        assertThat(r.codes()).doesNotContain(FindingCodes.DRAFT6_AND_RFC5245_DISAGREE.code())
                .contains(FindingCodes.NO_RELAY_CANDIDATE.code(), FindingCodes.HOST_ONLY_CANDIDATES.code());
        // The draft-6 part on its own: types inferred from the (private) addresses, and said so.
        AuditReport alone = CandidateAudit.audit(d6);
        Finding inf = codes(alone, FindingCodes.CANDIDATE_TYPE_INFERRED.code()).get(0);
        assertThat(inf.summary()).contains("draft-6");
        assertThat(alone.media().get(0).offerCandidates()).allMatch(c -> c.inferred() && c.type() == CandidateType.HOST);
    }

    @Test
    void multipartPartsThatTellDifferentStoriesAreFlagged() {
        String part2 = TestData.sample("lync/lync-invite-part2-rfc5245.sdp");
        // The RFC part gains a relay the draft-6 part does not list (a relay allocation that happened only once).
        String withRelay = part2.replaceFirst("(a=candidate:2 2 UDP 2130705406 10.0.3.40 7539 typ host *\\r?\\n)",
                "$1a=candidate:5 1 UDP 184548351 198.51.100.10 53410 typ relay raddr 10.0.2.30 rport 15676\r\n");
        assertThat(withRelay).isNotEqualTo(part2);
        SdpSource rfc = sdp(withRelay, "part 2");
        SdpSource d6 = sdp(TestData.sample("lync/lync-invite-part1-msice-draft6.sdp"), "part 1");
        AuditReport r = CandidateAudit.builder(rfc).fallbackOffer(d6).build().run();
        Finding f = codes(r, FindingCodes.DRAFT6_AND_RFC5245_DISAGREE.code()).get(0);
        assertThat(f.summary()).contains("only the RFC 5245 part lists 198.51.100.10");
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("part 2");
            assertThat(e.excerpt()).contains("198.51.100.10 53410 typ relay");
        });
    }

    @Test
    void diagnosticsSampleCandidatesHaveEveryRelayKind() {
        String block = TestData.sample("lync/ms-client-diagnostics-samples.txt");
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 0 0 IN IP4 10.21.5.64\r\ns=session\r\nc=IN IP4 10.21.5.64\r\nt=0 0\r\n"
                + "m=audio 26698 RTP/AVP 0\r\n");
        block.lines().filter(l -> l.startsWith("a=candidate:")).forEach(l -> sdp.append(l).append("\r\n"));
        AuditReport r = CandidateAudit.audit(sdp(sdp.toString(), "D6"));
        assertThat(r.media().get(0).offerCandidates()).hasSize(12);
        assertThat(r.codes()).doesNotContain(FindingCodes.NO_RELAY_CANDIDATE.code(), FindingCodes.NO_TCP_RELAY_CANDIDATE.code(),
                FindingCodes.HOST_ONLY_CANDIDATES.code(), FindingCodes.PRIVATE_ADDRESSES_ONLY.code());
    }

    /** A current Chromium offer, as createOffer returns it: trickle ICE, port 9, c=0.0.0.0, no candidates. */
    @Test
    void aTrickleOfferWithoutCandidatesAsksForThem() {
        String text = resource("chromium-offer-no-candidates.sdp");
        AuditReport r = CandidateAudit.audit(sdp(text, "offer.sdp"));
        assertThat(r.codes()).containsExactly(FindingCodes.CANDIDATES_TRICKLED.code());
        Finding f = r.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).contains("2 media section(s)", "travel separately", "port 9", "c=IN IP4 0.0.0.0");
        assertThat(f.remedy()).contains("a=candidate", "iceGatheringState is 'complete'");
        assertThat(f.evidence()).extracting(Evidence::location).contains("line 8", "line 9", "line 13");
        assertThat(r.worstSeverity().atLeast(Severity.WARNING)).isTrue();
    }

    @Test
    void anOfferWithoutCandidatesOrTrickleIsAnError() {
        String text = resource("chromium-offer-no-candidates.sdp").replace("a=ice-options:trickle\n", "");
        AuditReport r = CandidateAudit.audit(sdp(text, "offer.sdp"));
        assertThat(r.codes()).containsExactly(FindingCodes.NO_CANDIDATES.code());
        Finding f = r.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.summary()).contains("ICE cannot start", "before ICE gathering finished", "placeholders");
        // with one gathered candidate the section is judged by the usual rules instead
        String one = text.replace("a=mid:0\n", "a=mid:0\na=candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host\n");
        assertThat(CandidateAudit.audit(sdp(one, "offer.sdp")).codes())
                .doesNotContain(FindingCodes.NO_CANDIDATES.code(), FindingCodes.CANDIDATES_TRICKLED.code());
    }

    @Test
    void plainRtpWithoutIceAndRejectedSectionsAreNotJudged() {
        String plain = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n";
        assertThat(CandidateAudit.audit(sdp(plain, "plain.sdp")).codes()).isEmpty();
        String rejected = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\na=ice-ufrag:abcd\r\n"
                + "m=audio 0 UDP/TLS/RTP/SAVPF 0\r\n";
        assertThat(CandidateAudit.audit(sdp(rejected, "rejected.sdp")).codes()).isEmpty();
    }
}
