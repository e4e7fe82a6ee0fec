package io.mediapath.ice;

import io.mediapath.sdp.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds sdp-model candidates for tests without going through the SDP parser. */
final class Candidates {
    private Candidates() {
    }

    static Candidate rfc(String foundation, int component, String transport, long priority, String address, int port,
            String type, String raddr, Integer rport, String... ext) {
        List<Candidate.Extension> exts = new ArrayList<>();
        for (int i = 0; i + 1 < ext.length; i += 2) {
            exts.add(new Candidate.Extension(ext[i], ext[i + 1]));
        }
        return new Candidate(Candidate.Form.RFC, foundation, component, transport, priority, Long.toString(priority),
                address, port, Optional.ofNullable(type), Optional.ofNullable(raddr),
                rport == null ? OptionalInt.empty() : OptionalInt.of(rport), exts, "", "");
    }

    static IceCandidate ice(int component, String transport, long priority, String address, int port, String type) {
        return IceCandidate.from(rfc("1", component, transport, priority, address, port, type, null, null));
    }

    static IceCandidate ice(int component, String transport, long priority, String address, int port, String type,
            String raddr, int rport) {
        return IceCandidate.from(rfc("1", component, transport, priority, address, port, type, raddr, rport));
    }

    static Candidate draft6(String user, int component, String pass, String transport, String q, String address, int port) {
        long p = Math.round(Double.parseDouble(q) * 1000);
        return new Candidate(Candidate.Form.MS_ICE_DRAFT6, user, component, transport, p, q, address, port,
                Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), user, pass);
    }
}
