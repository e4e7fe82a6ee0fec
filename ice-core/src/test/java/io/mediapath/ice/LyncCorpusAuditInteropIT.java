package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.sdp.SessionDescription;
import io.mediapath.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interop: the candidate audit over published Lync/SfB offers of the third-party corpus
 * ({@code -Dmediapath.interop.dir}, profile {@code interop}); {@link CandidateAuditTest} checks the same rules on
 * our samples.
 */
class LyncCorpusAuditInteropIT {

    private static SdpSource sdp(String file) throws IOException {
        String text = Files.readString(TestData.interopDir("corpus/lync").resolve(file), StandardCharsets.UTF_8);
        return SdpSource.of(SessionDescription.parse(text), file);
    }

    private static List<Finding> codes(AuditReport r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void sfbOfferWithAllThreeRelayKindsIsClean() throws IOException {
        AuditReport r = CandidateAudit.audit(sdp("sfb2015-invite-audio-with-tcp-udp-relay.sdp"));
        assertThat(r.codes()).containsExactly(FindingCodes.NO_SRFLX_CANDIDATE.code());
        CandidateMatrix m = r.media().get(0).offerMatrix();
        assertThat(m.count(CandidateType.RELAYED, CandidateTransport.UDP)).isEqualTo(2);
        assertThat(m.count(CandidateType.RELAYED, CandidateTransport.TCP_ACTIVE)).isEqualTo(2);
        assertThat(m.count(CandidateType.RELAYED, CandidateTransport.TCP_PASSIVE)).isEqualTo(2);
    }

    @Test
    void sfbHostOnlyOfferHasNoRelay() throws IOException {
        AuditReport r = CandidateAudit.audit(sdp("sfb2016-invite-audio-video-host-only-no-relay.sdp"));
        assertThat(codes(r, FindingCodes.NO_RELAY_CANDIDATE.code())).hasSize(2);
        assertThat(codes(r, FindingCodes.HOST_ONLY_CANDIDATES.code())).hasSize(2);
    }

    @Test
    void truncatedAppSharingInviteIsHealthy() throws IOException {
        AuditReport r = CandidateAudit.audit(sdp("sfb-appsharing-invite-from-server-sipe-issue76.TRUNCATED.sdp"));
        assertThat(r.codes()).doesNotContain(FindingCodes.NO_RELAY_CANDIDATE.code(), FindingCodes.NO_TCP_RELAY_CANDIDATE.code(),
                FindingCodes.APPSHARING_NOT_TCP.code(), FindingCodes.HOST_ONLY_CANDIDATES.code());
    }

    @Test
    void lyncMultipartPartsAgree() throws IOException {
        AuditReport r = CandidateAudit.builder(sdp("lync2013-invite-part2-rfc5245-audio-video.sdp"))
                .fallbackOffer(sdp("lync2013-invite-part1-msice-draft6-audio-video.sdp")).build().run();
        assertThat(r.codes()).doesNotContain(FindingCodes.DRAFT6_AND_RFC5245_DISAGREE.code())
                .contains(FindingCodes.NO_RELAY_CANDIDATE.code(), FindingCodes.HOST_ONLY_CANDIDATES.code());
    }
}
