package io.mediapath.diagnose.capture;

import io.mediapath.capture.Datagram;
import io.mediapath.capture.Segment;
import io.mediapath.capture.TcpFlow;
import io.mediapath.capture.UdpFlow;
import io.mediapath.ice.Evidence;
import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCode;
import io.mediapath.turn.TurnFindingCodes;
import io.mediapath.ice.Severity;
import io.mediapath.turn.msturn.MsAttributeType;
import io.mediapath.turn.msturn.MsTurnMessage;
import io.mediapath.turn.msturn.TurnDialect;
import io.mediapath.turn.stun.AttributeType;
import io.mediapath.turn.stun.StunMessage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * STUN/TURN exchanges in a capture — RFC 5389+ (decoded by turn-client's {@link StunMessage}), MS-TURN (its
 * {@link MsTurnMessage}) and classic RFC 3489 (header only: no cookie, no dialect of its own to decode) — matched by
 * transaction and judged in the relay probe's codes: {@code TURN_ALLOCATED}, {@code TURN_CHALLENGED},
 * {@code TURN_AUTH_FAILED}, {@code TURN_ALLOCATE_FAILED}, {@code STUN_BINDING_OK}, {@code STUN_BINDING_FAILED},
 * {@code TURN_TIMEOUT} (requests, no answer), and which side stopped.
 */
final class StunFlowJudge {

    private static final int BINDING = 0x001;
    private static final int ALLOCATE = 0x003;
    private static final int REQUEST = 0, SUCCESS = 2, ERROR = 3;

    private StunFlowJudge() {
    }

    /** One STUN-family message: where it was, who sent it, what it is. */
    record Msg(long frame, long at, boolean fromClient, String dialect, int method, int cls, String tid,
            int errorCode, String reason, boolean authenticated) {
    }

    /** The judgement of one flow. */
    record Result(String verdict, boolean ok, List<Finding> findings) {
    }

    /** Classifies a payload, or null when it is not STUN. */
    static Msg message(byte[] b, int wireLength, long frame, long at, boolean fromClient) {
        if (b.length < 20 || (b[0] & 0xC0) != 0) {
            return null;
        }
        int type = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int len = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if ((len & 3) != 0 || len + 20 != wireLength) {
            return null;
        }
        int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        int cls = ((type & 0x0100) >> 8) << 1 | ((type & 0x0010) >> 4);
        TurnDialect d = TurnDialect.detect(b);
        try {
            if (d == TurnDialect.RFC_STUN) {
                if (b.length < wireLength) {
                    return new Msg(frame, at, fromClient, "RFC 5389", method, cls, HexFormat.of().formatHex(b, 8, 20), 0, "", false);
                }
                StunMessage m = StunMessage.decode(b);
                int code = m.errorCode().map(e -> e.code()).orElse(0);
                String reason = m.errorCode().map(e -> e.reason()).orElse("");
                return new Msg(frame, at, fromClient, "RFC 5389", method, cls, m.transactionIdHex(), code, reason,
                        m.has(AttributeType.USERNAME) || m.has(AttributeType.USERHASH));
            }
            if (d == TurnDialect.MS_TURN) {
                String tid = HexFormat.of().formatHex(b, 4, 20);
                if (b.length < wireLength) {
                    return new Msg(frame, at, fromClient, "MS-TURN", method, cls, tid, 0, "", false);
                }
                MsTurnMessage m = MsTurnMessage.decode(b);
                int code = m.errorCode().map(e -> e.code()).orElse(0);
                String reason = m.errorCode().map(e -> e.reason()).orElse("");
                return new Msg(frame, at, fromClient, "MS-TURN", method, cls, tid, code, reason,
                        m.attribute(MsAttributeType.USERNAME).isPresent());
            }
        } catch (RuntimeException e) {
            // A StunDecodeException (a malformed message): not something this judge can read, so not STUN to it.
            return null;
        }
        // Classic RFC 3489: no cookie; only Binding and the old Shared Secret exist. Header only.
        if (method != BINDING && method != 0x002) {
            return null;
        }
        return new Msg(frame, at, fromClient, "RFC 3489", method, cls, HexFormat.of().formatHex(b, 4, 20),
                classicError(b), "", false);
    }

    private static int classicError(byte[] b) {
        int p = 20;
        while (p + 4 <= b.length) {
            int t = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            int l = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            if (t == 0x0009 && l >= 4 && p + 8 <= b.length) {
                return (b[p + 6] & 0x07) * 100 + (b[p + 7] & 0xff);
            }
            p += 4 + l;
        }
        return 0;
    }

    /** The STUN messages of a UDP flow, or an empty list when its first datagram is not STUN. */
    static List<Msg> messages(UdpFlow f) {
        List<Msg> out = new ArrayList<>();
        for (Datagram d : f.datagrams()) {
            Msg m = message(d.payload(), d.length(), d.frame(), d.epochNanos(), d.fromClient());
            if (m == null && out.isEmpty()) {
                return List.of();
            }
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** The STUN messages at the start of each direction of a TCP flow (framed by their length fields). */
    static List<Msg> messages(TcpFlow f) {
        List<Msg> out = new ArrayList<>();
        if (!split(f.toServer().head(), f.toServer().segments(), true, out)) {
            return List.of();
        }
        split(f.toClient().head(), f.toClient().segments(), false, out);
        out.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        return out;
    }

    /** Bytes of the pseudo-TLS ClientHello and of the Edge's answer ([MS-TURN] 2.1.1/2.1.2), before the framing. */
    static final int PSEUDO_TLS_HELLO = 50;
    static final int PSEUDO_TLS_ANSWER = 83;

    /**
     * The MS-TURN control messages that follow a pseudo-TLS handshake on a TCP flow: the client's after its 50-byte
     * hello, the Edge's after its 83-byte answer, each in the [MS-TURN] 2.1.4 framing ({@code type 00 length}; type
     * 2 a TURN message, 3 end-to-end data, skipped). Empty when nothing framed follows.
     */
    static List<Msg> msTurnAfterPseudoTls(TcpFlow f) {
        List<Msg> out = new ArrayList<>();
        framed(f.toServer().head(), PSEUDO_TLS_HELLO, f.toServer().segments(), true, out);
        framed(f.toClient().head(), PSEUDO_TLS_ANSWER, f.toClient().segments(), false, out);
        out.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        return out;
    }

    private static void framed(byte[] s, int from, List<Segment> segs, boolean client, List<Msg> out) {
        int p = from;
        while (p + 4 <= s.length) {
            int type = s[p] & 0xff;
            int len = ((s[p + 2] & 0xff) << 8) | (s[p + 3] & 0xff);
            if ((type != 0x02 && type != 0x03) || s[p + 1] != 0 || p + 4 + len > s.length) {
                return; // not the framing, or a frame cut by the bytes kept: what came before stands
            }
            if (type == 0x02) {
                Segment seg = segmentAt(segs, p + 4 + len - 1);
                byte[] one = java.util.Arrays.copyOfRange(s, p + 4, p + 4 + len);
                Msg m = message(one, one.length, seg == null ? 0 : seg.frame(), seg == null ? 0 : seg.epochNanos(),
                        client);
                if (m == null) {
                    return;
                }
                out.add(m);
            }
            p += 4 + len;
        }
    }

    private static boolean split(byte[] s, List<Segment> segs, boolean client, List<Msg> out) {
        int p = 0;
        boolean any = false;
        while (p + 20 <= s.length) {
            int first = s[p] & 0xff;
            int len = ((s[p + 2] & 0xff) << 8) | (s[p + 3] & 0xff);
            if (first >= 0x40 && first <= 0x7f) {       // ChannelData: skip
                p += 4 + ((len + 3) & ~3);
                continue;
            }
            if (p + 20 + len > s.length) {
                break;
            }
            Segment seg = segmentAt(segs, p + 20 + len - 1);
            byte[] one = java.util.Arrays.copyOfRange(s, p, p + 20 + len);
            Msg m = message(one, one.length, seg == null ? 0 : seg.frame(), seg == null ? 0 : seg.epochNanos(), client);
            if (m == null) {
                return any;
            }
            out.add(m);
            any = true;
            p += 20 + len;
        }
        return any;
    }

    private static Segment segmentAt(List<Segment> segs, long offset) {
        for (Segment s : segs) {
            if (offset >= s.offset() && offset < s.offset() + s.length()) {
                return s;
            }
        }
        return null;
    }

    /** Judges the messages of one flow. */
    static Result judge(List<Msg> msgs, String source) {
        Map<String, Msg> requests = new LinkedHashMap<>();
        Map<String, Msg> answers = new LinkedHashMap<>();
        for (Msg m : msgs) {
            if (m.cls() == REQUEST && m.fromClient()) {
                requests.putIfAbsent(m.tid(), m);
            } else if ((m.cls() == SUCCESS || m.cls() == ERROR) && !m.fromClient()) {
                answers.putIfAbsent(m.tid(), m);
            }
        }
        String dialect = msgs.isEmpty() ? "STUN" : msgs.get(0).dialect();
        Msg last = msgs.isEmpty() ? null : msgs.get(msgs.size() - 1);
        Evidence stopped = last == null ? null : new Evidence(source, "frame " + last.frame(), "last STUN message, from the "
                + (last.fromClient() ? "client" : "server") + ": " + describe(last));
        List<Finding> out = new ArrayList<>();
        Msg allocOk = find(answers, ALLOCATE, SUCCESS, -1);
        if (allocOk != null) {
            out.add(finding(TurnFindingCodes.TURN_ALLOCATED, Severity.INFO, "The relay allocated (" + dialect + " Allocate success in frame "
                    + allocOk.frame() + ")", List.of(evidence(source, requests.get(allocOk.tid()), allocOk)), ""));
            return new Result("ALLOCATED", true, out);
        }
        for (Msg a : answers.values()) {
            Msg req = requests.get(a.tid());
            if (a.method() == ALLOCATE && a.cls() == ERROR && req != null && req.authenticated()
                    && (a.errorCode() == 401 || a.errorCode() == 441)) {
                out.add(finding(TurnFindingCodes.TURN_AUTH_FAILED, Severity.ERROR, "The relay answered, but refused the credentials: "
                        + a.errorCode() + " " + a.reason() + " to the authenticated Allocate in frame " + req.frame()
                        + "; the path to the relay works", evidenceList(source, req, a, stopped),
                        "Check the TURN user name and password (for Lync/SfB the MRAS credentials, for coturn the "
                        + "static or REST-API secret and the clock)."));
                return new Result("AUTH_FAILED", false, out);
            }
        }
        for (Msg a : answers.values()) {
            Msg req = requests.get(a.tid());
            if (a.method() == ALLOCATE && a.cls() == ERROR && a.errorCode() != 401 && a.errorCode() != 438) {
                out.add(finding(TurnFindingCodes.TURN_ALLOCATE_FAILED, Severity.ERROR, "The relay refused the Allocate: " + a.errorCode()
                        + " " + a.reason(), evidenceList(source, req, a, stopped), "Act on STUN error " + a.errorCode()
                        + " (RFC 8656 §7.3)."));
                return new Result("ERROR_" + a.errorCode(), false, out);
            }
        }
        Msg challenge = find(answers, ALLOCATE, ERROR, 401);
        if (challenge != null) {
            out.add(finding(TurnFindingCodes.TURN_CHALLENGED, Severity.INFO, "The relay challenged the Allocate with 401 (frame "
                    + challenge.frame() + "), which proves the path to it; the client sent no authenticated Allocate "
                    + "after it in this capture", evidenceList(source, requests.get(challenge.tid()), challenge, stopped), ""));
            return new Result("CHALLENGED", true, out);
        }
        Msg bindOk = find(answers, BINDING, SUCCESS, -1);
        if (bindOk != null) {
            out.add(finding(TurnFindingCodes.STUN_BINDING_OK, Severity.INFO, "The server answered the Binding request (" + dialect
                    + ", frame " + bindOk.frame() + ")", List.of(evidence(source, requests.get(bindOk.tid()), bindOk)), ""));
            return new Result("BINDING_OK", true, out);
        }
        Msg bindErr = find(answers, BINDING, ERROR, -1);
        if (bindErr != null) {
            out.add(finding(TurnFindingCodes.STUN_BINDING_FAILED, Severity.ERROR, "The Binding request got error " + bindErr.errorCode()
                    + " " + bindErr.reason(), List.of(evidence(source, requests.get(bindErr.tid()), bindErr)),
                    "Act on STUN error " + bindErr.errorCode() + "."));
            return new Result("ERROR_" + bindErr.errorCode(), false, out);
        }
        if (!requests.isEmpty() && answers.isEmpty()) {
            List<Msg> reqs = new ArrayList<>(requests.values());
            String frames = reqs.stream().limit(12).map(m -> String.valueOf(m.frame())).collect(Collectors.joining(", "));
            double span = (reqs.get(reqs.size() - 1).at() - reqs.get(0).at()) / 1e9;
            out.add(finding(TurnFindingCodes.TURN_TIMEOUT, Severity.ERROR, String.format(Locale.ROOT, "%d %s request(s) over %.1f s and "
                    + "no answer from %s: the server never answered (dropped on the way, or nothing listens)",
                    reqs.size(), dialect, span, "the server"), List.of(new Evidence(source, "frames " + frames,
                    describe(reqs.get(0)) + (reqs.size() > 1 ? ", sent again" : ""))),
                    "Check that UDP to the relay's port is allowed outbound (and its answers inbound); if UDP is blocked, "
                    + "media falls back to TCP 443."));
            return new Result("NO_ANSWER", false, out);
        }
        out.add(finding(DiagnoseFindingCodes.STUN_EXCHANGE_SEEN, Severity.INFO, "STUN messages without a request/answer pair this judge "
                + "reads", stopped == null ? List.of() : List.of(stopped), ""));
        return new Result("OTHER", true, out);
    }

    private static Msg find(Map<String, Msg> answers, int method, int cls, int code) {
        for (Msg a : answers.values()) {
            if (a.method() == method && a.cls() == cls && (code < 0 || a.errorCode() == code)) {
                return a;
            }
        }
        return null;
    }

    private static Finding finding(FindingCode code, Severity s, String summary, List<Evidence> ev, String remedy) {
        Finding.Builder b = code.builder(s).summary(summary);
        ev.forEach(b::evidence);
        if (!remedy.isEmpty()) {
            b.remedy(remedy);
        }
        return b.build();
    }

    private static List<Evidence> evidenceList(String source, Msg req, Msg answer, Evidence stopped) {
        List<Evidence> l = new ArrayList<>();
        l.add(evidence(source, req, answer));
        if (stopped != null) {
            l.add(stopped);
        }
        return l;
    }

    private static Evidence evidence(String source, Msg req, Msg answer) {
        return new Evidence(source, (req != null ? "frames " + req.frame() + ", " : "frame ") + answer.frame(),
                (req != null ? describe(req) + " → " : "") + describe(answer));
    }

    static String describe(Msg m) {
        String method = switch (m.method()) {
            case BINDING -> "Binding";
            case ALLOCATE -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            default -> String.format("method 0x%03x", m.method());
        };
        String cls = switch (m.cls()) {
            case 0 -> "request";
            case 1 -> "indication";
            case 2 -> "success";
            default -> "error " + m.errorCode() + (m.reason().isEmpty() ? "" : " " + m.reason());
        };
        return m.dialect() + " " + method + " " + cls + (m.cls() == REQUEST && m.authenticated() ? " (with USERNAME)" : "");
    }
}
