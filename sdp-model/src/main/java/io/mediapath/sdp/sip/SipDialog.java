package io.mediapath.sdp.sip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages of one SIP dialog (one Call-ID) found in a log, with the ones a media diagnosis needs picked out.
 *
 * @param callId      the Call-ID
 * @param invite      the first INVITE request (the offer)
 * @param answers     responses to INVITE that may carry the answer: 183 and 2xx, in order
 * @param bye         the first BYE request (where Lync puts ms-client-diagnostics on hang-up)
 * @param allMessages every message with this Call-ID, in input order (retransmissions and both log sides included)
 */
public record SipDialog(String callId, Optional<SipMessage> invite, List<SipMessage> answers,
        Optional<SipMessage> bye, List<SipMessage> allMessages) {

    public SipDialog {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(invite, "invite");
        Objects.requireNonNull(bye, "bye");
        answers = List.copyOf(answers);
        allMessages = List.copyOf(allMessages);
    }

    /** The first final response (200–699) to an INVITE, if any: the outcome of the call attempt. */
    public Optional<SipMessage> finalResponse() {
        return allMessages.stream()
                .filter(m -> !m.isRequest() && m.statusCode() >= 200 && m.method().equalsIgnoreCase("INVITE"))
                .findFirst();
    }

    /** Whether the INVITE was answered with a failure (300–699). */
    public boolean failed() {
        return finalResponse().map(m -> m.statusCode() >= 300).orElse(false);
    }
}
