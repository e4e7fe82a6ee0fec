package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogCorrelatorTest {

    @Test
    void picksTheSameOfferAnswersAndByeAsTheInMemoryCorrelatorOnEverySampleLog() throws IOException {
        for (String log : List.of("uccapi-appsharing.uccapilog", "sipstack-appsharing.log", "tshark-follow.txt",
                "pasted-prefixed.log")) {
            List<SipMessage> messages = LogScanner.create(log).scanAll(LogScannerTest.log(log)).messages();
            List<SipDialog> expected = Dialogs.correlate(messages);
            List<SipDialog> streamed = new ArrayList<>();
            DialogCorrelator c = DialogCorrelator.create(streamed::add);
            messages.forEach(c::accept);
            c.finish();

            assertThat(streamed).as(log).hasSameSizeAs(expected);
            streamed.sort(Comparator.comparingInt(d -> d.allMessages().get(0).firstLine()));
            for (int i = 0; i < expected.size(); i++) {
                SipDialog e = expected.get(i);
                SipDialog s = streamed.get(i);
                assertThat(s.callId()).as(log).isEqualTo(e.callId());
                assertThat(s.invite()).as(log).isEqualTo(e.invite());
                assertThat(s.answers()).as(log).isEqualTo(e.answers());
                assertThat(s.bye()).as(log).isEqualTo(e.bye());
                assertThat(s.finalResponse()).as(log).isEqualTo(e.finalResponse());
                // the diagnostics survive the trimming of the dialog
                assertThat(s.allMessages().stream().anyMatch(m -> m.header("ms-client-diagnostics").isPresent()))
                        .isEqualTo(e.allMessages().stream().anyMatch(m -> m.header("ms-client-diagnostics").isPresent()));
            }
        }
    }

    @Test
    void memoryStaysBoundedOverAHundredThousandCallsAndLateMessagesDoNotReopenADialog() {
        List<SipDialog> out = new ArrayList<>();
        DialogCorrelator c = DialogCorrelator.builder().maxOpenDialogs(64).build(out::add);
        int maxOpen = 0;
        for (int i = 0; i < 100_000; i++) {
            String id = "call-" + i;
            c.accept(msg("INVITE sip:b@x SIP/2.0", id, "1 INVITE", ""));
            c.accept(msg("SIP/2.0 200 OK", id, "1 INVITE", ""));
            c.accept(msg("SIP/2.0 180 Ringing", id, "1 INVITE", ""));
            c.accept(msg("BYE sip:b@x SIP/2.0", id, "2 BYE", "ms-client-diagnostics: 51004; reason=\"x\"\r\n"));
            c.accept(msg("SIP/2.0 200 OK", id, "2 BYE", ""));
            c.accept(msg("BYE sip:b@x SIP/2.0", id, "2 BYE", "")); // retransmission after the 200
            maxOpen = Math.max(maxOpen, c.openDialogs());
        }
        c.finish();

        assertThat(maxOpen).isLessThanOrEqualTo(64);
        assertThat(out).hasSize(100_000);
        assertThat(c.emitted()).isEqualTo(100_000);
        assertThat(c.messages()).isEqualTo(600_000);
        // kept per call: INVITE, 200 (answer and final), BYE with diagnostics; the 180, the BYE's 200 and the
        // retransmitted BYE are dropped
        assertThat(c.dropped()).isEqualTo(300_000);
        SipDialog d = out.get(12_345);
        assertThat(d.callId()).isEqualTo("call-12345");
        assertThat(d.invite()).isPresent();
        assertThat(d.answers()).singleElement().extracting(SipMessage::statusCode).isEqualTo(200);
        assertThat(d.bye()).get().extracting(m -> m.header("ms-client-diagnostics").orElseThrow()).asString().startsWith("51004");
        assertThat(d.allMessages()).hasSize(3);
    }

    @Test
    void theLeastRecentlyActiveDialogIsEmittedWhenTooManyAreOpenAndIdleOnesExpire() {
        List<String> order = new ArrayList<>();
        DialogCorrelator c = DialogCorrelator.builder().maxOpenDialogs(2).idleMessages(1).build(d -> order.add(d.callId()));
        c.accept(msg("INVITE sip:b@x SIP/2.0", "a", "1 INVITE", ""));
        c.accept(msg("INVITE sip:b@x SIP/2.0", "b", "1 INVITE", ""));
        c.accept(msg("SIP/2.0 200 OK", "a", "1 INVITE", "")); // a is now more recent than b
        c.accept(msg("INVITE sip:b@x SIP/2.0", "c", "1 INVITE", ""));
        assertThat(order).containsExactly("b");
        for (int i = 0; i < 1024; i++) {
            c.accept(msg("OPTIONS sip:b@x SIP/2.0", "", "1 OPTIONS", "")); // strays: no Call-ID
        }
        assertThat(order).containsExactly("b", "a", "c");
        assertThat(c.openDialogs()).isZero();
    }

    @Test
    void optionsTrafficDoesNotCrowdOutACallWhoseByeCarriesTheDiagnostics() {
        List<SipDialog> out = new ArrayList<>();
        DialogCorrelator c = DialogCorrelator.builder().maxOpenDialogs(64).build(out::add);
        c.accept(msg("INVITE sip:b@x SIP/2.0", "call", "1 INVITE", ""));
        c.accept(msg("SIP/2.0 200 OK", "call", "1 INVITE", ""));
        for (int i = 0; i < 5_000; i++) { // keep-alives, each its own Call-ID and transaction
            c.accept(msg("OPTIONS sip:b@x SIP/2.0", "opt-" + i, "1 OPTIONS", ""));
            c.accept(msg("SIP/2.0 200 OK", "opt-" + i, "1 OPTIONS", ""));
        }
        c.accept(msg("BYE sip:b@x SIP/2.0", "call", "2 BYE", "ms-client-diagnostics: 52001; reason=\"x\"\r\n"));
        c.accept(msg("SIP/2.0 200 OK", "call", "2 BYE", ""));
        c.finish();

        SipDialog call = out.stream().filter(d -> d.callId().equals("call")).reduce((a, b) -> b).orElseThrow();
        assertThat(out.stream().filter(d -> d.callId().equals("call"))).hasSize(1);
        assertThat(call.invite()).isPresent();
        assertThat(call.bye()).get().extracting(m -> m.header("ms-client-diagnostics").orElseThrow()).asString()
                .startsWith("52001");
    }

    @Test
    void aDialogCrowdedOutStillGetsItsLaterDiagnosticsButNotItsRetransmissions() {
        List<SipDialog> out = new ArrayList<>();
        DialogCorrelator c = DialogCorrelator.builder().maxOpenDialogs(1).build(out::add);
        c.accept(msg("INVITE sip:b@x SIP/2.0", "a", "1 INVITE", ""));
        c.accept(msg("INVITE sip:b@x SIP/2.0", "b", "1 INVITE", "")); // a is crowded out, unanswered
        c.accept(msg("INFO sip:b@x SIP/2.0", "a", "2 INFO", "")); // nothing a diagnosis reads: dropped
        c.accept(msg("BYE sip:b@x SIP/2.0", "a", "3 BYE", "ms-client-diagnostics: 52001; reason=\"x\"\r\n"));
        c.accept(msg("SIP/2.0 200 OK", "a", "3 BYE", ""));
        c.accept(msg("BYE sip:b@x SIP/2.0", "a", "3 BYE", "ms-client-diagnostics: 52001; reason=\"x\"\r\n"));
        c.finish();

        List<SipDialog> a = out.stream().filter(d -> d.callId().equals("a")).toList();
        assertThat(a).hasSize(2);
        assertThat(a.get(0).invite()).isPresent();
        assertThat(a.get(1).invite()).isEmpty();
        assertThat(a.get(1).bye()).get().extracting(m -> m.header("ms-client-diagnostics").orElseThrow()).asString()
                .startsWith("52001");
        assertThat(c.dropped()).as("the INFO, the BYE's 200 and the retransmitted BYE").isEqualTo(3);
    }

    @Test
    void strayMessagesGoToTheirOwnConsumerAndBoundsAreChecked() {
        List<SipMessage> strays = new ArrayList<>();
        DialogCorrelator c = DialogCorrelator.builder().onStray(strays::add).build(d -> { });
        c.accept(msg("OPTIONS sip:b@x SIP/2.0", "", "1 OPTIONS", ""));
        assertThat(strays).hasSize(1);
        assertThatThrownBy(() -> DialogCorrelator.builder().maxOpenDialogs(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DialogCorrelator.builder().maxMessagesPerDialog(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DialogCorrelator.builder().idleMessages(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SipMessage msg(String startLine, String callId, String cseq, String extra) {
        return SipMessage.parse(startLine + "\r\nVia: SIP/2.0/TLS 192.0.2.1;branch=z9hG4bK" + callId.hashCode()
                + "\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\n" + (callId.isEmpty() ? "" : "Call-ID: " + callId + "\r\n")
                + "CSeq: " + cseq + "\r\n" + extra + "Content-Length: 0\r\n\r\n");
    }
}
