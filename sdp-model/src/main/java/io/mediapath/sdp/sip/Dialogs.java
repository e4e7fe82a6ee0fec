package io.mediapath.sdp.sip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Groups SIP messages into dialogs by Call-ID (compared exactly, as RFC 3261 §20.8 requires). */
public final class Dialogs {
    private Dialogs() {
    }

    /**
     * One {@link SipDialog} per Call-ID, in order of first appearance; messages without a Call-ID are left out.
     */
    public static List<SipDialog> correlate(List<SipMessage> messages) {
        Map<String, List<SipMessage>> byCallId = new LinkedHashMap<>();
        for (SipMessage m : messages) {
            Optional<String> id = m.callId();
            if (id.isPresent() && !id.get().isEmpty()) {
                byCallId.computeIfAbsent(id.get(), k -> new ArrayList<>()).add(m);
            }
        }
        List<SipDialog> out = new ArrayList<>(byCallId.size());
        for (Map.Entry<String, List<SipMessage>> e : byCallId.entrySet()) {
            SipMessage invite = null;
            SipMessage bye = null;
            List<SipMessage> answers = new ArrayList<>();
            for (SipMessage m : e.getValue()) {
                if (m.isRequest()) {
                    if (invite == null && m.method().equals("INVITE")) {
                        invite = m;
                    } else if (bye == null && m.method().equals("BYE")) {
                        bye = m;
                    }
                } else if (m.method().equalsIgnoreCase("INVITE")
                        && (m.statusCode() == 183 || m.statusCode() >= 200 && m.statusCode() < 300)) {
                    answers.add(m);
                }
            }
            out.add(new SipDialog(e.getKey(), Optional.ofNullable(invite), answers, Optional.ofNullable(bye),
                    e.getValue()));
        }
        return out;
    }
}
