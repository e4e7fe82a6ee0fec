package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.testing.TestData;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Typed values read from the samples we wrote (browser, Lync/SfB and RFC 8866-style sessions). */
class TypedViewsTest {

    private static SessionDescription sdp(String file) {
        return SessionDescription.parse(TestData.sample("sdp/" + file));
    }

    private static SessionDescription lync(String file) {
        return SessionDescription.parse(TestData.sample("lync/" + file));
    }

    @Test
    void chromePlanBRtpmapsGroupsAndSsrcs() {
        SessionDescription s = sdp("chrome-plan-b-offer.sdp");
        assertThat(s.bundle()).map(Group::mids).contains(List.of("audio", "video"));
        assertThat(s.msidSemantic()).map(MsidSemantic::semantic).contains("WMS");
        assertThat(s.media()).extracting(MediaDescription::type).containsExactly("audio", "video");
        MediaDescription audio = s.media().get(0);
        assertThat(audio.lineNumber()).isEqualTo(7);
        assertThat(audio.port()).isEqualTo(9);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "103", "9", "0", "8", "106", "105", "13", "126");
        assertThat(audio.rtpmaps()).hasSize(9);
        assertThat(audio.rtpmaps().get(0)).isEqualTo(new Rtpmap(111, "opus", 48000, OptionalInt.of(2)));
        assertThat(audio.rtpmap(126)).map(Rtpmap::codec).contains("telephone-event/8000");
        MediaDescription video = s.media().get(1);
        assertThat(video.rtpmap(107)).map(Rtpmap::encodingName).contains("H264");
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(2002L, 2003L)));
        assertThat(video.ssrcs()).extracting(Ssrc::attribute).contains("cname", "msid", "mslabel", "label");
        assertThat(video.rtcpFeedback()).anySatisfy(fb -> {
            assertThat(fb.type()).isEqualTo("goog-remb");
            assertThat(fb.parameters()).isEmpty();
        });
        assertThat(video.extmaps()).extracting(Extmap::uri).contains("urn:ietf:params:rtp-hdrext:toffset");
        assertThat(video.fmtps()).anySatisfy(f -> {
            assertThat(f.format()).isEqualTo("107");
            assertThat(f.parameterMap()).containsEntry("packetization-mode", "1");
        });
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.setup()).contains(Setup.ACTPASS);
        assertThat(audio.mid()).contains("audio");
    }

    @Test
    void lyncDraft6CandidatesAndCryptoscale() {
        SessionDescription s = lync("lync-invite-part1-msice-draft6.sdp");
        MediaDescription audio = s.media().get(0);
        assertThat(audio.malformedCandidates()).isEmpty();
        assertThat(audio.candidates()).hasSize(4);
        Candidate c = audio.candidates().get(0);
        assertThat(c.form()).isEqualTo(Candidate.Form.MS_ICE_DRAFT6);
        assertThat(c.username()).isEqualTo("bWVkaWFwYXRoIGRyYWZ0LTYgdXNlciBhdWRpbyBBMDA");
        assertThat(c.foundation()).isEqualTo(c.username());
        assertThat(c.password()).isEqualTo("cHdkIGF1ZGlvIEEwMDAwMA");
        assertThat(c.component()).isEqualTo(1);
        assertThat(c.transport()).isEqualTo("UDP");
        assertThat(c.priority()).isEqualTo(830);
        assertThat(c.priorityText()).isEqualTo("0.830");
        assertThat(c.address()).isEqualTo("10.0.3.40");
        assertThat(c.port()).isEqualTo(31848);
        assertThat(c.type()).isEmpty();
        assertThat(audio.candidates().get(2).priority()).isEqualTo(840);
        assertThat(audio.cryptoScales()).singleElement().satisfies(cs -> {
            assertThat(cs.scale()).isEqualTo("client");
            assertThat(cs.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        });
        assertThat(audio.cryptos()).extracting(Crypto::tag).containsExactly(2, 3);
        assertThat(audio.cryptos().get(0).lifetime()).contains("2^31");
        assertThat(audio.cryptos().get(0).mki()).contains("1:1");
        assertThat(audio.cryptos().get(1).mki()).isEmpty();
        assertThat(audio.maxptime()).hasValue(200.0);
        assertThat(audio.rtpmap(114)).map(Rtpmap::encodingName).contains("x-msrta");
        assertThat(audio.fmtps()).filteredOn(f -> f.format().equals("104")).singleElement()
                .satisfies(f -> assertThat(f.parameterMap()).containsEntry("useinbandfec", "1")
                        .containsEntry("usedtx", "0"));
        assertThat(s.media().get(1).xCaps()).singleElement().satisfies(x -> {
            assertThat(x.payloadType()).isEqualTo(121);
            assertThat(x.entries()).hasSize(7).first().isEqualTo("263:1920:1080:30.0:2000000:1");
        });
    }

    @Test
    void lyncRfcCandidatesIpv6AndMsAttributes() {
        SessionDescription s = lync("lync-invite-part2-rfc5245.sdp");
        assertThat(s.xMediabw()).singleElement().satisfies(m -> {
            assertThat(m.label()).isEqualTo("main-video");
            assertThat(m.send()).hasValue(4000);
            assertThat(m.recv()).hasValue(4000);
        });
        assertThat(s.xDevicecaps()).hasValueSatisfying(d -> {
            assertThat(d.can("video", "recv")).isTrue();
            assertThat(d.can("data", "send")).isFalse();
        });
        assertThat(s.bandwidths()).containsExactly(new Bandwidth("CT", 99980, 5));
        MediaDescription audio = s.media().get(0);
        assertThat(audio.xSsrcRange()).contains(new XSsrcRange(1330447912L, 1330447912L));
        assertThat(audio.label()).contains("main-audio");
        assertThat(audio.xSource()).contains("main-audio");
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.iceUfrag()).contains("Zq4w");
        assertThat(audio.rtcpFeedback()).singleElement().isEqualTo(
                new RtcpFb("*", "x-message", Optional.of("app send:dsh recv:dsh")));
        assertThat(audio.candidates()).hasSize(6);
        assertThat(audio.ipv6Candidates()).hasSize(2).allSatisfy(c -> {
            assertThat(c.address()).isEqualTo("2001:db8:5ef5:79fd::7cf9");
            assertThat(c.type()).contains("host");
        });
        assertThat(audio.allCandidates()).hasSize(8);
        assertThat(audio.candidateEntries()).filteredOn(CandidateAttribute::isXCandidateIpv6).hasSize(2);
        Candidate tcpAct = audio.candidates().get(4);
        assertThat(tcpAct.transport()).isEqualTo("TCP-ACT");
        assertThat(tcpAct.type()).contains("srflx");
        assertThat(tcpAct.relatedAddress()).contains("10.0.2.30");
        assertThat(tcpAct.relatedPort()).hasValue(15676);
        assertThat(tcpAct.form()).isEqualTo(Candidate.Form.RFC);
    }

    @Test
    void sfbRelayTransportsIncludingTcpPass() {
        MediaDescription audio = lync("sfb-offer-audio-udp-and-tcp-relay.sdp").media().get(0);
        assertThat(audio.candidates()).filteredOn(c -> c.type().orElse("").equals("relay"))
                .extracting(Candidate::transport).containsExactly("TCP-PASS", "TCP-PASS", "UDP", "UDP", "TCP-ACT",
                        "TCP-ACT");
        assertThat(audio.rtcp()).contains(new Rtcp(50053, Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(audio.extmaps()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(1);
            assertThat(e.uri()).isEqualTo("http:\\\\www.webrtc.org\\experiments\\rtp-hdrext\\abs-send-time");
        });
    }

    @Test
    void appSharingAndTruncatedCandidate() {
        SessionDescription viewer = lync("sfb-appsharing-viewer-answer.sdp");
        MediaDescription m = viewer.media().get(0);
        assertThat(m.type()).isEqualTo("applicationsharing");
        assertThat(m.protocol()).isEqualTo("TCP/RTP/AVP");
        assertThat(m.connectionAttribute()).contains("new");
        assertThat(m.setup()).contains(Setup.ACTIVE);
        assertThat(m.applicationSharing("role")).contains("viewer");
        assertThat(m.applicationSharing("session-id")).contains("1");
        assertThat(m.applicationSharingAttributes()).extracting(Attribute::name)
                .containsExactly("x-applicationsharing-session-id", "x-applicationsharing-role",
                        "x-applicationsharing-media-typ");
        assertThat(m.candidates()).extracting(Candidate::transport).contains("TCP-PASS", "TCP-ACT");

        // The truncated offer ends inside a candidate's raddr: still a candidate (raddr "10.40", no rport).
        MediaDescription share = lync("sfb-appsharing-offer.TRUNCATED.sdp").media().get(0);
        Candidate last = share.candidates().get(share.candidates().size() - 1);
        assertThat(share.candidates()).hasSize(12);
        assertThat(last.relatedAddress()).contains("10.40");
        assertThat(last.relatedPort()).isEmpty();
        assertThat(share.lineNumber()).isEqualTo(8);
    }

    @Test
    void encryptionOptionalAndRtcpWithAddress() {
        MediaDescription m = lync("sfb-audio-encryption-optional.sdp")
                .media().get(0);
        assertThat(m.encryption()).contains(Encryption.OPTIONAL);
        assertThat(m.direction()).contains(Direction.SENDRECV);
        assertThat(m.connection()).map(Connection::address).contains("203.0.113.89");
        assertThat(m.rtcp()).contains(new Rtcp(52174, Optional.of("IN"), Optional.of("IP4"),
                Optional.of("203.0.113.89")));
    }

    @Test
    void iceLiteAndFingerprint() {
        SessionDescription s = sdp("ice-lite-answer.sdp");
        assertThat(s.iceLite()).isTrue();
        MediaDescription m = s.media().get(0);
        assertThat(m.fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.hashFunction()).isEqualTo("sha-256");
            assertThat(f.bytes()).hasValueSatisfying(b -> assertThat(b).hasSize(32));
        });
        assertThat(m.candidates()).extracting(Candidate::foundation).containsExactly("S", "S");
        assertThat(m.candidates().get(0).priority()).isEqualTo(2130706431L);
        assertThat(m.candidates().get(1).extension("tcptype")).contains("passive");
        assertThat(sdp("chrome-plan-b-offer.sdp").iceLite()).isFalse();
    }

    @Test
    void simulcastBothSyntaxesAndRid() {
        MediaDescription m = sdp("unified-plan-simulcast-offer.sdp").media().get(1);
        assertThat(m.rids()).hasSize(5);
        assertThat(m.rids().get(0)).isEqualTo(new Rid("h", "send",
                Optional.of("pt=97;max-width=1920;max-height=1080;max-fps=30")));
        List<Simulcast> all = Attributes.typed(m.attributes(), "simulcast", Simulcast::from);
        assertThat(all).hasSize(2);
        Simulcast rfc = all.get(0);
        assertThat(rfc.draft03()).isFalse();
        assertThat(rfc.send()).hasSize(3);
        assertThat(rfc.send().get(0)).containsExactly(new Simulcast.Alternative("h", false),
                new Simulcast.Alternative("x", true));
        assertThat(rfc.recv()).containsExactly(List.of(new Simulcast.Alternative("r", false)));
        Simulcast draft = all.get(1);
        assertThat(draft.draft03()).isTrue();
        assertThat(draft.send().get(0)).contains(new Simulcast.Alternative("x", true));

        Simulcast firefox = sdp("firefox-simulcast-offer.sdp").media().get(0).simulcast().orElseThrow();
        assertThat(firefox.send()).extracting(s -> s.get(0).rid()).containsExactly("hi", "lo");
    }

    @Test
    void candidateExtensionsAndTcptype() {
        MediaDescription m = sdp("chrome-unified-plan-offer.sdp").media().get(0);
        Candidate c = m.candidates().get(2);
        assertThat(c.extension("generation")).contains("0");
        assertThat(c.extension("network-id")).contains("3");
        assertThat(c.extension("network-cost")).contains("10");
        assertThat(c.extensions()).extracting(Candidate.Extension::name)
                .containsExactly("generation", "network-id", "network-cost");
        assertThat(m.cryptos()).isEmpty();
        assertThat(sdp("chrome-unified-plan-offer.sdp").media().get(1).cryptos()).singleElement().satisfies(cr -> {
            assertThat(cr.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
            assertThat(cr.lifetime()).contains("2^20");
            assertThat(cr.mki()).contains("1:32");
            assertThat(cr.keyMethod()).isEqualTo("inline");
        });

        MediaDescription hacky = sdp("tcp-candidates-offer.sdp").media().get(0);
        assertThat(hacky.candidates()).extracting(cand -> cand.extension("tcptype").orElse("-"))
                .contains("active", "passive", "so");
        assertThat(hacky.ptime()).hasValue(0.125);
        assertThat(hacky.maxptime()).hasValue(60.0);
    }

    @Test
    void hugeOriginIdsKeptExactlyAndIpv6Candidates() {
        SessionDescription s = sdp("libwebrtc-ipv6-candidates.sdp");
        assertThat(s.origin().sessionId()).isEqualTo("18446744069414584320");
        assertThat(s.origin().sessionIdValue()).isEqualTo(new BigInteger("18446744069414584320"));
        assertThat(s.origin().sessionVersion()).isEqualTo("18446462598732840960");
        assertThat(s.media().get(0).candidates()).extracting(Candidate::foundation).contains("c0/1", "c0/2");
        assertThat(s.media().get(0).candidates()).extracting(Candidate::address).contains("2001:db8::1", "2001:db8:85a3::8a2e:370:7334");
        assertThat(s.media().get(0).candidates()).extracting(Candidate::transport).contains("udp");
    }

    @Test
    void everyRfc8866LineType() {
        SessionDescription s = sdp("all-line-types.sdp");
        assertThat(s.version()).isZero();
        assertThat(s.origin()).isEqualTo(new Origin("bob", "3000000001", "3000000002", "IN", "IP4", "192.0.2.90", 2));
        assertThat(s.sessionName()).isEqualTo("Line type tour");
        assertThat(s.information()).contains("Every line type RFC 8866 defines");
        assertThat(s.uri()).contains("https://www.example.com/tour.pdf");
        assertThat(s.emails()).containsExactly("bob@example.com (Bob Example)");
        assertThat(s.phones()).containsExactly("+1 555 0199");
        assertThat(s.connection()).contains(new Connection("IN", "IP4", "233.252.0.1", OptionalInt.of(64),
                OptionalInt.empty(), 8));
        assertThat(s.bandwidths()).extracting(Bandwidth::type).containsExactly("X-YZ", "AS");
        assertThat(s.times()).hasSize(2);
        assertThat(s.times().get(0).repeats()).isEmpty();
        assertThat(s.times().get(1).repeats()).singleElement().satisfies(r -> {
            assertThat(r.interval()).isEqualTo("7d");
            assertThat(r.duration()).isEqualTo("1h");
            assertThat(r.offsets()).containsExactly("0", "25h");
        });
        assertThat(s.zoneAdjustments()).containsExactly(new ZoneAdjustment(3900172800L, "-1h", 14),
                new ZoneAdjustment(3900777600L, "0", 14));
        assertThat(s.key()).contains(new Key("prompt", Optional.empty(), 15));
        assertThat(s.candidates()).hasSize(1);
        assertThat(s.direction()).contains(Direction.RECVONLY);
        MediaDescription audio = s.media().get(0);
        assertThat(audio.information()).contains("The main audio stream");
        assertThat(audio.connection()).map(Connection::address).contains("203.0.113.91");
        assertThat(audio.key()).isPresent();
        assertThat(audio.direction()).contains(Direction.SENDRECV);
        assertThat(TimeDescription.seconds("7d")).isEqualTo(604800);
        assertThat(TimeDescription.seconds("-1h")).isEqualTo(-3600);
    }

    @Test
    void ocsMediaKeyEncryptionAndMsdata() {
        SessionDescription s = sdp("ms-ocs-style-offer.sdp");
        assertThat(s.media()).extracting(MediaDescription::type).containsExactly("audio", "video", "application");
        assertThat(s.media().get(0).key()).map(Key::method).contains("base64");
        assertThat(s.media().get(0).encryption()).contains(Encryption.REQUIRED);
        assertThat(s.media().get(2).protocol()).isEqualTo("tcp");
        assertThat(s.media().get(2).formats()).containsExactly("msdata");
    }

    @Test
    void ipv6ConnectionAndIceOptions() {
        SessionDescription s = sdp("ipv6-offer.sdp");
        assertThat(s.media().get(0).connection().or(s::connection)).map(Connection::addressType).contains("IP6");
        SessionDescription jsep = sdp("jsep-bundle-trickle-offer.sdp");
        assertThat(jsep.media().get(1).bundleOnly()).isTrue();
        assertThat(jsep.media().get(1).port()).isZero();
        assertThat(jsep.media()).anySatisfy(m -> assertThat(m.endOfCandidates()).isTrue());
        assertThat(jsep.media()).anySatisfy(m -> assertThat(m.msids()).hasSize(2));
        assertThat(jsep.media().get(0).iceOptions().or(jsep::iceOptions)).map(o -> o.has("trickle")).contains(true);
    }

    @Test
    void firefoxOddities() {
        SessionDescription s = sdp("firefox-datachannel-offer.sdp");
        assertThat(s.sessionName()).isEqualTo("Data and feedback");
        List<RtcpFb> fb = s.media().stream().flatMap(m -> m.rtcpFeedback().stream()).toList();
        assertThat(fb).contains(new RtcpFb("120", "ack", Optional.of("app foo")));
        assertThat(fb).anySatisfy(f -> assertThat(f.isWildcard()).isTrue());
        List<Extmap> ext = s.media().stream().flatMap(m -> m.extmaps().stream()).toList();
        assertThat(ext).anySatisfy(e -> assertThat(e.extensionAttributes()).contains("some_params some more params"));
        assertThat(s.media()).anySatisfy(m -> assertThat(m.type()).isEqualTo("application"));
    }

    @Test
    void mdnsHostCandidatesKeepTheirNames() {
        MediaDescription m = sdp("mdns-candidates-offer.sdp").media().get(0);
        assertThat(m.malformedCandidates()).isEmpty();
        assertThat(m.candidates()).extracting(Candidate::address)
                .containsExactly("6b1e3f1a-9c41-4a7e-8d2f-0c5b7e91a3d4.local", "198.51.100.120",
                        "6b1e3f1a-9c41-4a7e-8d2f-0c5b7e91a3d4.local");
        assertThat(m.candidates().get(1).relatedAddress()).contains("0.0.0.0");
        assertThat(m.candidates().get(2).extension("tcptype")).contains("active");
    }

    @Test
    void rfc8866StyleSessionAndLfFirefoxOffer() {
        SessionDescription s = sdp("rfc8866-style-session.sdp");
        assertThat(s.sessionName()).isEqualTo("Quarterly review call");
        assertThat(s.media()).extracting(MediaDescription::port).containsExactly(49200, 49210, 51400);
        assertThat(s.media().get(2).connection()).map(Connection::addressType).contains("IP6");
        assertThat(s.media().get(0).connection()).isEmpty();
        assertThat(s.connection()).map(Connection::address).contains("198.51.100.7");

        SessionDescription ff = sdp("firefox-audio-offer.sdp");
        assertThat(ff.lines()).allSatisfy(l -> assertThat(l.lineEnding()).isEqualTo("\n"));
        MediaDescription audio = ff.media().get(0);
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.candidates()).extracting(Candidate::transport).containsExactly("UDP", "UDP", "TCP");
        assertThat(audio.rtpmap(109)).map(Rtpmap::encodingName).contains("opus");
    }
}
