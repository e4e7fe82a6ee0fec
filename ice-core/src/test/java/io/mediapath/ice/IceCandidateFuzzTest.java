package io.mediapath.ice;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.sdp.Attribute;
import io.mediapath.sdp.CandidateAttribute;
import io.mediapath.sdp.SdpParseException;
import io.mediapath.sdp.SessionDescription;
import io.mediapath.sdp.msdiag.Location;
import java.util.List;

/**
 * Arbitrary candidate attribute text through the sdp-model candidate grammar, the semantic model, pair formation,
 * feasibility and the whole audit: the only exception allowed is the SDP parser's typed {@link SdpParseException}
 * for text that cannot be an SDP at all. Seeds: {@code IceCandidateFuzzTestInputs/fuzzCandidate/}.
 */
class IceCandidateFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzCandidate(FuzzedDataProvider data) {
        boolean ipv6Attribute = data.consumeBoolean();
        int locations = data.consumeInt(0, 8);
        String text = data.consumeRemainingAsString();

        CandidateAttribute entry = CandidateAttribute.of(Attribute.of(ipv6Attribute ? "x-candidate-ipv6" : "candidate", text));
        if (entry.candidate().isEmpty() == entry.error().isEmpty()) {
            throw new IllegalStateException("exactly one of candidate and error must be present");
        }
        if (entry.candidate().isPresent()) {
            IceCandidate c = IceCandidate.from(entry.candidate().get(), 7);
            check(c);
            List<IceCandidate> one = List.of(c);
            List<CandidatePair> pairs = CheckList.form(one, one, true);
            Location[] l = Location.values();
            new Feasibility(l[locations % 3], l[(locations / 3) % 3]).assess(pairs, one, one);
            CandidateMatrix.of(one).render();
        }

        String sdp = "v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=applicationsharing 5000 TCP/RTP/AVP 127\r\na=" + (ipv6Attribute ? "x-candidate-ipv6:" : "candidate:")
                + text + "\r\n";
        SessionDescription parsed;
        try {
            parsed = SessionDescription.parse(sdp);
        } catch (SdpParseException expected) {
            return;
        }
        SdpSource src = SdpSource.of(parsed, "fuzz");
        AuditReport r = CandidateAudit.builder(src).answer(src).fallbackOffer(src)
                .locations(Location.INTRANET, Location.INTERNET).build().run();
        for (Finding f : r.findings()) {
            if (f.summary().isEmpty()) {
                throw new IllegalStateException("finding without summary: " + f.code());
            }
        }
    }

    private static void check(IceCandidate c) {
        c.toString();
        c.transportAddress();
        c.effectiveType();
        if (c.priorityParts().isPresent() && c.priorityParts().get().value() != c.priority()) {
            throw new IllegalStateException("decoded priority does not recompose: " + c.priority());
        }
        if (c.inferred() == c.inference().isEmpty()) {
            throw new IllegalStateException("inferred and its reason disagree");
        }
        AddressClass.of(c.address());
    }
}
