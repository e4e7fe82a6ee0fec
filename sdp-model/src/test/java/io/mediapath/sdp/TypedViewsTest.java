package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Typed values read from real corpus files. */
class TypedViewsTest {

    private static SessionDescription sdp(String file) {
        return SessionDescription.parse(Corpus.read(Corpus.sdp(file)));
    }

    private static SessionDescription lync(String file) {
        return SessionDescription.parse(Corpus.read(Corpus.lync(file)));
    }

    @Test
    void chrome57RtpmapsGroupsAndSsrcs() {
        SessionDescription s = sdp("chrome-57-offer-planb.sdp");
        assertThat(s.bundle()).map(Group::mids).contains(List.of("audio", "video"));
        assertThat(s.msidSemantic()).map(MsidSemantic::semantic).contains("WMS");
        assertThat(s.media()).extracting(MediaDescription::type).containsExactly("audio", "video");
        MediaDescription audio = s.media().get(0);
        assertThat(audio.lineNumber()).isEqualTo(7);
        assertThat(audio.port()).isEqualTo(9);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "103", "104", "9", "0", "8", "106", "105", "13", "126");
        assertThat(audio.rtpmaps()).hasSize(10);
        assertThat(audio.rtpmaps().get(0)).isEqualTo(new Rtpmap(111, "opus", 48000, OptionalInt.of(2)));
        assertThat(audio.rtpmap(126)).map(Rtpmap::codec).contains("telephone-event/8000");
        MediaDescription video = s.media().get(1);
        assertThat(video.rtpmap(107)).map(Rtpmap::encodingName).contains("H264");
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3156517279L, 2673335628L)));
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
        SessionDescription s = lync("lync2013-invite-part1-msice-draft6-audio-video.sdp");
        MediaDescription audio = s.media().get(0);
        assertThat(audio.malformedCandidates()).isEmpty();
        assertThat(audio.candidates()).hasSize(4);
        Candidate c = audio.candidates().get(0);
        assertThat(c.form()).isEqualTo(Candidate.Form.MS_ICE_DRAFT6);
        assertThat(c.username()).isEqualTo("d5lFvGToRDKh/UhyFNN9rharqthzUrF2FIRP+boPcnE");
        assertThat(c.foundation()).isEqualTo(c.username());
        assertThat(c.password()).isEqualTo("1Riht1AWk/x7TSyhrZQfDA");
        assertThat(c.component()).isEqualTo(1);
        assertThat(c.transport()).isEqualTo("UDP");
        assertThat(c.priority()).isEqualTo(830);
        assertThat(c.priorityText()).isEqualTo("0.830");
        assertThat(c.address()).isEqualTo("192.168.66.57");
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
        SessionDescription s = lync("lync2013-invite-part2-rfc5245-audio-video.sdp");
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
        assertThat(audio.iceUfrag()).contains("M+7x");
        assertThat(audio.rtcpFeedback()).singleElement().isEqualTo(
                new RtcpFb("*", "x-message", Optional.of("app send:dsh recv:dsh")));
        assertThat(audio.candidates()).hasSize(6);
        assertThat(audio.ipv6Candidates()).hasSize(2).allSatisfy(c -> {
            assertThat(c.address()).isEqualTo("2001:0:5ef5:79fd:34b2:244d:fa66:7cf9");
            assertThat(c.type()).contains("host");
        });
        assertThat(audio.allCandidates()).hasSize(8);
        assertThat(audio.candidateEntries()).filteredOn(CandidateAttribute::isXCandidateIpv6).hasSize(2);
        Candidate tcpAct = audio.candidates().get(4);
        assertThat(tcpAct.transport()).isEqualTo("TCP-ACT");
        assertThat(tcpAct.type()).contains("srflx");
        assertThat(tcpAct.relatedAddress()).contains("192.168.56.1");
        assertThat(tcpAct.relatedPort()).hasValue(15676);
        assertThat(tcpAct.form()).isEqualTo(Candidate.Form.RFC);
    }

    @Test
    void sfbRelayTransportsIncludingTcpPass() {
        MediaDescription audio = lync("sfb2015-invite-audio-with-tcp-udp-relay.sdp").media().get(0);
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
        SessionDescription viewer = lync("sipe-appsharing-viewer-answer-sipe-issue89.TRUNCATED.sdp");
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

        // The truncated issue-76 file ends inside a candidate's raddr: still a candidate (raddr "192.168", no rport).
        MediaDescription share = lync("sfb-appsharing-invite-from-server-sipe-issue76.TRUNCATED.sdp").media().get(0);
        Candidate last = share.candidates().get(share.candidates().size() - 1);
        assertThat(last.relatedAddress()).contains("192.168");
        assertThat(last.relatedPort()).isEmpty();
        assertThat(share.lineNumber()).isEqualTo(8);
    }

    @Test
    void encryptionOptionalAndRtcpWithAddress() {
        MediaDescription m = lync("sky-linux-sfb-client-audio-with-encryption-optional-sipe-issue119.TRUNCATED.sdp")
                .media().get(0);
        assertThat(m.encryption()).contains(Encryption.OPTIONAL);
        assertThat(m.direction()).contains(Direction.SENDRECV);
        assertThat(m.connection()).map(Connection::address).contains("204.128.141.89");
        assertThat(m.rtcp()).contains(new Rtcp(52174, Optional.of("IN"), Optional.of("IP4"),
                Optional.of("204.128.141.89")));
    }

    @Test
    void iceLiteAndFingerprint() {
        SessionDescription s = sdp("sdp-transform-icelite.sdp");
        assertThat(s.iceLite()).isTrue();
        MediaDescription m = s.media().get(0);
        assertThat(m.fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.hashFunction()).isEqualTo("sha-256");
            assertThat(f.bytes()).hasValueSatisfying(b -> assertThat(b).hasSize(32));
        });
        assertThat(m.candidates()).extracting(Candidate::foundation).containsExactly("X", "X");
        assertThat(m.candidates().get(0).priority()).isEqualTo(659136);
        assertThat(sdp("chrome-57-offer-planb.sdp").iceLite()).isFalse();
    }

    @Test
    void simulcastBothSyntaxesAndRid() {
        MediaDescription m = sdp("sdp-transform-simulcast.sdp").media().get(1);
        assertThat(m.rids()).hasSize(5);
        assertThat(m.rids().get(0)).isEqualTo(new Rid("1", "send",
                Optional.of("pt=97;max-width=1280;max-height=720;max-fps=30")));
        List<Simulcast> all = Attributes.typed(m.attributes(), "simulcast", Simulcast::from);
        assertThat(all).hasSize(2);
        Simulcast rfc = all.get(0);
        assertThat(rfc.draft03()).isFalse();
        assertThat(rfc.send()).hasSize(3);
        assertThat(rfc.send().get(0)).containsExactly(new Simulcast.Alternative("1", false),
                new Simulcast.Alternative("4", true));
        assertThat(rfc.recv()).containsExactly(List.of(new Simulcast.Alternative("c", false)));
        Simulcast draft = all.get(1);
        assertThat(draft.draft03()).isTrue();
        assertThat(draft.send().get(0)).contains(new Simulcast.Alternative("4", true));

        Simulcast firefox = sdp("firefox-55-simulcast-offer.sdp").media().get(0).simulcast().orElseThrow();
        assertThat(firefox.send()).extracting(s -> s.get(0).rid()).containsExactly("foo", "bar");
    }

    @Test
    void candidateExtensionsAndTcptype() {
        MediaDescription m = sdp("sdp-transform-normal.sdp").media().get(0);
        Candidate c = m.candidates().get(2);
        assertThat(c.extension("generation")).contains("0");
        assertThat(c.extension("network-id")).contains("3");
        assertThat(c.extension("network-cost")).contains("10");
        assertThat(c.extensions()).extracting(Candidate.Extension::name)
                .containsExactly("generation", "network-id", "network-cost");
        assertThat(m.cryptos()).isEmpty();
        assertThat(sdp("sdp-transform-normal.sdp").media().get(1).cryptos()).singleElement().satisfies(cr -> {
            assertThat(cr.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
            assertThat(cr.lifetime()).contains("2^20");
            assertThat(cr.mki()).contains("1:32");
            assertThat(cr.keyMethod()).isEqualTo("inline");
        });

        MediaDescription hacky = sdp("sdp-transform-hacky.sdp").media().get(0);
        assertThat(hacky.candidates()).extracting(cand -> cand.extension("tcptype").orElse("-"))
                .contains("active", "passive", "so");
        assertThat(hacky.ptime()).hasValue(0.125);
        assertThat(hacky.maxptime()).hasValue(60.0);
    }

    @Test
    void hugeOriginIdsKeptExactlyAndIpv6Candidates() {
        SessionDescription s = sdp("libwebrtc-kSdpFullString-ipv6-cands.sdp");
        assertThat(s.origin().sessionId()).isEqualTo("18446744069414584320");
        assertThat(s.origin().sessionIdValue()).isEqualTo(new BigInteger("18446744069414584320"));
        assertThat(s.origin().sessionVersion()).isEqualTo("18446462598732840960");
        assertThat(s.media().get(0).candidates()).extracting(Candidate::foundation).contains("a0+B/1", "a0+B/2");
        assertThat(s.media().get(0).candidates()).extracting(Candidate::address).contains("::1");
        assertThat(s.media().get(0).candidates()).extracting(Candidate::transport).contains("udp");
    }

    @Test
    void everyRfc8866LineType() {
        SessionDescription s = sdp("pion-canonical-all-line-types.sdp");
        assertThat(s.version()).isZero();
        assertThat(s.origin()).isEqualTo(new Origin("jdoe", "2890844526", "2890842807", "IN", "IP4", "10.47.16.5", 2));
        assertThat(s.sessionName()).isEqualTo("SDP Seminar");
        assertThat(s.information()).contains("A Seminar on the session description protocol");
        assertThat(s.uri()).contains("http://www.example.com/seminars/sdp.pdf");
        assertThat(s.emails()).containsExactly("j.doe@example.com (Jane Doe)");
        assertThat(s.phones()).containsExactly("+1 617 555-6011");
        assertThat(s.connection()).contains(new Connection("IN", "IP4", "224.2.17.12", OptionalInt.of(127),
                OptionalInt.empty(), 8));
        assertThat(s.bandwidths()).extracting(Bandwidth::type).containsExactly("X-YZ", "AS");
        assertThat(s.times()).hasSize(2);
        assertThat(s.times().get(0).repeats()).isEmpty();
        assertThat(s.times().get(1).repeats()).singleElement().satisfies(r -> {
            assertThat(r.interval()).isEqualTo("604800");
            assertThat(r.offsets()).containsExactly("0", "90000");
        });
        assertThat(s.zoneAdjustments()).containsExactly(new ZoneAdjustment(2882844526L, "-3600", 14),
                new ZoneAdjustment(2898848070L, "0", 14));
        assertThat(s.key()).contains(new Key("prompt", Optional.empty(), 15));
        assertThat(s.candidates()).hasSize(1);
        assertThat(s.direction()).contains(Direction.RECVONLY);
        MediaDescription audio = s.media().get(0);
        assertThat(audio.information()).contains("Vivamus a posuere nisl");
        assertThat(audio.connection()).map(Connection::address).contains("203.0.113.1");
        assertThat(audio.key()).isPresent();
        assertThat(audio.direction()).contains(Direction.SENDRECV);
        assertThat(TimeDescription.seconds("7d")).isEqualTo(604800);
        assertThat(TimeDescription.seconds("-1h")).isEqualTo(-3600);
    }

    @Test
    void ocsMediaKeyEncryptionAndMsdata() {
        SessionDescription s = sdp("ms-sdp-2.2-ocs-example.sdp");
        assertThat(s.media()).extracting(MediaDescription::type).containsExactly("audio", "video", "application");
        assertThat(s.media().get(0).key()).map(Key::method).contains("base64");
        assertThat(s.media().get(0).encryption()).contains(Encryption.REQUIRED);
        assertThat(s.media().get(2).protocol()).isEqualTo("tcp");
        assertThat(s.media().get(2).formats()).containsExactly("msdata");
    }

    @Test
    void ipv6ConnectionAndIceOptions() {
        SessionDescription s = sdp("crow-misia-ip6-offer.sdp");
        assertThat(s.media().get(0).connection().or(s::connection)).map(Connection::addressType).contains("IP6");
        SessionDescription jsep = sdp("sdp-transform-jsep.sdp");
        assertThat(jsep.media().get(1).bundleOnly()).isTrue();
        assertThat(jsep.media().get(1).port()).isZero();
        assertThat(jsep.media()).anySatisfy(m -> assertThat(m.endOfCandidates()).isTrue());
        assertThat(jsep.media()).anySatisfy(m -> assertThat(m.msids()).hasSize(2));
        assertThat(jsep.media().get(0).iceOptions().or(jsep::iceOptions)).map(o -> o.has("trickle")).contains(true);
    }

    @Test
    void firefoxOddities() {
        SessionDescription s = sdp("webrtc-sdp-12-firefox35-rtcpfb-extmap.sdp");
        assertThat(s.sessionName()).isEqualTo("SIP Call");
        List<RtcpFb> fb = s.media().stream().flatMap(m -> m.rtcpFeedback().stream()).toList();
        assertThat(fb).contains(new RtcpFb("120", "ack", Optional.of("app foo")));
        assertThat(fb).anySatisfy(f -> assertThat(f.isWildcard()).isTrue());
        List<Extmap> ext = s.media().stream().flatMap(m -> m.extmaps().stream()).toList();
        assertThat(ext).anySatisfy(e -> assertThat(e.extensionAttributes()).contains("some_params some more params"));
        assertThat(s.media()).anySatisfy(m -> assertThat(m.type()).isEqualTo("application"));
    }
}
