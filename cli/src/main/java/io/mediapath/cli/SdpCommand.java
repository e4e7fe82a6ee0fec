package io.mediapath.cli;

import io.mediapath.diagnose.UnreadableInputException;
import io.mediapath.diagnose.report.JsonOutput;
import io.mediapath.sdp.Attribute;
import io.mediapath.sdp.Bandwidth;
import io.mediapath.sdp.Candidate;
import io.mediapath.sdp.CandidateAttribute;
import io.mediapath.sdp.Connection;
import io.mediapath.sdp.MediaDescription;
import io.mediapath.sdp.Repeat;
import io.mediapath.sdp.Rtpmap;
import io.mediapath.sdp.SdpParseException;
import io.mediapath.sdp.SdpParseOptions;
import io.mediapath.sdp.Secrets;
import io.mediapath.sdp.SessionDescription;
import io.mediapath.sdp.TimeDescription;
import io.mediapath.sdp.ZoneAdjustment;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mediapath sdp FILE|-}: parses one SDP (leniently, keeping oddities) and prints a readable summary — media,
 * codecs, candidates counted per type and transport — or, with {@code --json}, the model as JSON with stable field
 * names. {@code --check} parses strictly (RFC 8866) and reports the first problem as {@code file:line:col: message}.
 * Exit 0 when the SDP parses (and passes {@code --check}), 1 when only the strict check fails, 2 when the input is not
 * a session description (unreadable, binary, not UTF-8, empty, over the 1 MiB limit, or not parsing even leniently).
 */
@Command(name = "sdp", mixinStandardHelpOptions = true,
        description = "Parse an SDP offer/answer: summary, JSON model (--json), or strict RFC 8866 check (--check).")
final class SdpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|-", description = "SDP file, or - for standard input")
    String file;

    @Option(names = "--json", description = "print the parsed model as JSON")
    boolean json;

    @Option(names = "--show-secrets", description = "with --json: print ICE passwords and SRTP/k= keys as written "
            + "(by default they are replaced by [redacted], so the JSON can be pasted into a ticket)")
    boolean showSecrets;

    @Option(names = "--check", description = "validate strictly (RFC 8866 order, no unknown or blank lines, no "
            + "trailing whitespace); exit 1 with file:line:col: message on the first problem")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = file.equals("-") ? "<stdin>" : file;
        // An SDP is a few kilobytes; the parser's limit is 1 MiB. Reading stops just past it, so a log, a directory
        // or /dev/zero is said to be what it is (exit 2) and never fills the heap first.
        int limit = SdpParseOptions.DEFAULT_MAX_BYTES;
        String text;
        InputText.Head head = null;
        try {
            head = InputText.read(file, limit);
            int size = head.bytes().length - head.bom();
            if (size == 0) {
                throw new UnreadableInputException(name + ": empty input: no session description");
            }
            if (!head.whole()) {
                throw new UnreadableInputException(name + ": larger than " + (limit >> 20) + " MiB, the most an SDP "
                        + "may be (SdpParseOptions.DEFAULT_MAX_BYTES): not a session description (mediapath analyze "
                        + "reads logs)");
            }
            try {
                text = InputText.strict(head.bytes(), head.bom(), head.charset());
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UnreadableInputException(name + ": not " + head.charset().name() + " text (SDP is UTF-8, "
                        + "RFC 8866 §5); " + invalidByte(head));
            }
            if (text.indexOf('\0') >= 0) {
                throw new UnreadableInputException(name + ": holds a NUL character at line "
                        + lineOf(text, text.indexOf('\0')) + ": binary data, not a session description");
            }
        } catch (UnreadableInputException e) {
            err.println("mediapath sdp: " + e.getMessage());
            err.flush();
            return MediapathCli.USAGE;
        } finally {
            if (head != null) {
                InputText.close(head.rest());
            }
        }
        SessionDescription sdp;
        try {
            // Read leniently first: what does not parse even so is not an SDP (unreadable input, exit 2); what only
            // the strict check rejects is a problem found in an SDP (exit 1).
            sdp = SessionDescription.parse(text, SdpParseOptions.lenient());
        } catch (SdpParseException e) {
            printParseError(err, name, e, "not a session description: ");
            return MediapathCli.USAGE;
        }
        if (check) {
            try {
                sdp = SessionDescription.parse(text, SdpParseOptions.strict());
            } catch (SdpParseException e) {
                printParseError(err, name, e, "");
                return MediapathCli.FOUND;
            }
        }
        if (json) {
            out.println(JsonOutput.write(toJson(sdp, !showSecrets)));
        } else if (check) {
            out.println(name + ": OK (RFC 8866 strict; " + sdp.lineCount() + " lines, " + sdp.media().size()
                    + " media)");
        } else {
            summary(out, sdp);
        }
        out.flush();
        return MediapathCli.OK;
    }

    private static void printParseError(PrintWriter err, String name, SdpParseException e, String prefix) {
        // file:line:col: when the problem has a line; a limit on the whole input has none (not "line 0").
        err.println(name + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": " + prefix + e.problem()
                + (e.expected().isEmpty() ? "" : " (expected: " + e.expected() + ")"));
        if (!e.lineText().isEmpty()) {
            err.println("    " + e.lineText());
        }
        err.flush();
    }

    private static String invalidByte(InputText.Head head) {
        byte[] b = head.bytes();
        java.nio.charset.CharsetDecoder d = head.charset().newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b, head.bom(), b.length - head.bom());
        d.decode(in, java.nio.CharBuffer.allocate(b.length), true);
        int bad = in.position();
        int line = 1;
        for (int i = head.bom(); i < bad; i++) {
            line += b[i] == '\n' ? 1 : 0;
        }
        return String.format("invalid byte 0x%02X at line %d (byte offset %d)", b[Math.min(bad, b.length - 1)] & 0xff,
                line, bad);
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    // ------------------------------------------------------------------ text summary

    private static void summary(PrintWriter out, SessionDescription sdp) {
        out.printf("session  o=%s  s=%s%n", sdp.origin().text(), sdp.sessionName());
        sdp.connection().ifPresent(c -> out.printf("  c=%s%n", c.text()));
        for (Bandwidth b : sdp.bandwidths()) {
            out.printf("  b=%s%n", b.text());
        }
        out.printf("  %d lines, %d media, ice-lite %s, bundle %s%n", sdp.lineCount(), sdp.media().size(),
                sdp.iceLite() ? "yes" : "no",
                sdp.bundle().map(g -> String.join(" ", g.mids())).orElse("-"));
        if (!sdp.unknownLines().isEmpty()) {
            out.printf("  %d line(s) not understood, kept verbatim: %s%n", sdp.unknownLines().size(),
                    sdp.unknownLines().stream().map(l -> String.valueOf(l.lineNumber())).toList());
        }
        int i = 0;
        for (MediaDescription m : sdp.media()) {
            i++;
            out.printf("media %d  %s  port %d%s  %s  (line %d)%n", i, m.type(), m.port(),
                    m.portCount().isPresent() ? "/" + m.portCount().getAsInt() : "", m.protocol(), m.lineNumber());
            m.connection().ifPresent(c -> out.printf("  c=%s%n", c.text()));
            List<Rtpmap> rtpmaps = m.rtpmaps();
            if (!rtpmaps.isEmpty()) {
                out.printf("  codecs      %s%n", String.join(", ", rtpmaps.stream()
                        .map(r -> r.payloadType() + " " + r.codec()).toList()));
            } else {
                out.printf("  formats     %s%n", String.join(" ", m.formats()));
            }
            m.direction().ifPresent(d -> out.printf("  direction   %s%n", d.attributeName()));
            m.iceUfrag().ifPresent(u -> out.printf("  ice         ufrag %s%n", u));
            List<CandidateAttribute> entries = m.candidateEntries();
            if (!entries.isEmpty()) {
                Map<String, Integer> counts = new TreeMap<>();
                for (CandidateAttribute e : entries) {
                    if (e.candidate().isEmpty()) {
                        continue;
                    }
                    Candidate c = e.candidate().get();
                    String type = c.form() == Candidate.Form.MS_ICE_DRAFT6 ? "draft-6" : c.type().orElse("?");
                    String key = type + "/" + c.transport().toUpperCase(Locale.ROOT)
                            + (e.isXCandidateIpv6() ? " (x-candidate-ipv6)" : "");
                    counts.merge(key, 1, Integer::sum);
                }
                out.printf("  candidates  %d%s%n", entries.size() - m.malformedCandidates().size(),
                        counts.isEmpty() ? "" : ": " + String.join(", ", counts.entrySet().stream()
                                .map(en -> en.getKey() + " " + en.getValue()).toList()));
                for (CandidateAttribute e : entries) {
                    e.error().ifPresent(x -> out.printf("  malformed candidate, line %d col %d: %s%n", x.line(),
                            x.column(), x.problem()));
                }
            }
        }
    }

    // ------------------------------------------------------------------ JSON model

    /**
     * The model as JSON. ICE passwords, SRTP master keys and {@code k=} keys are credentials and a dump is made to be
     * shared, so with {@code redact} they are replaced ({@link Secrets}); {@code --show-secrets} turns that off.
     */
    private static ObjectNode toJson(SessionDescription sdp, boolean redact) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", JsonOutput.SDP);
        root.put("version", sdp.version());
        ObjectNode o = root.putObject("origin");
        o.put("username", sdp.origin().username());
        o.put("sessionId", sdp.origin().sessionId());
        o.put("sessionVersion", sdp.origin().sessionVersion());
        o.put("networkType", sdp.origin().networkType());
        o.put("addressType", sdp.origin().addressType());
        o.put("address", sdp.origin().address());
        o.put("line", sdp.origin().lineNumber());
        root.put("sessionName", sdp.sessionName());
        putOptional(root, "information", sdp.information());
        putOptional(root, "uri", sdp.uri());
        ArrayNode emails = root.putArray("emails");
        sdp.emails().forEach(emails::add);
        ArrayNode phones = root.putArray("phones");
        sdp.phones().forEach(phones::add);
        connections(root.putArray("connections"), sdp.connections());
        bandwidths(root.putArray("bandwidths"), sdp.bandwidths());
        ArrayNode times = root.putArray("times");
        for (TimeDescription t : sdp.times()) {
            ObjectNode tn = times.addObject();
            tn.put("start", t.start());
            tn.put("stop", t.stop());
            tn.put("line", t.lineNumber());
            ArrayNode rs = tn.putArray("repeats");
            for (Repeat r : t.repeats()) {
                ObjectNode rn = rs.addObject();
                rn.put("interval", r.interval());
                rn.put("duration", r.duration());
                ArrayNode offs = rn.putArray("offsets");
                r.offsets().forEach(offs::add);
                rn.put("line", r.lineNumber());
            }
        }
        ArrayNode zones = root.putArray("zoneAdjustments");
        for (ZoneAdjustment z : sdp.zoneAdjustments()) {
            ObjectNode zn = zones.addObject();
            zn.put("time", z.time());
            zn.put("offset", z.offset());
            zn.put("line", z.lineNumber());
        }
        putOptional(root, "key", sdp.key().map(k -> redact ? Secrets.redactKey(k.text()) : k.text()));
        attributes(root.putArray("attributes"), sdp.attributes(), redact);
        ArrayNode media = root.putArray("media");
        for (MediaDescription m : sdp.media()) {
            ObjectNode mn = media.addObject();
            mn.put("type", m.type());
            mn.put("port", m.port());
            putOptionalInt(mn, "portCount", m.portCount());
            mn.put("protocol", m.protocol());
            ArrayNode fmts = mn.putArray("formats");
            m.formats().forEach(fmts::add);
            mn.put("line", m.lineNumber());
            putOptional(mn, "information", m.information());
            connections(mn.putArray("connections"), m.connections());
            bandwidths(mn.putArray("bandwidths"), m.bandwidths());
            putOptional(mn, "key", m.key().map(k -> redact ? Secrets.redactKey(k.text()) : k.text()));
            ArrayNode codecs = mn.putArray("codecs");
            for (Rtpmap r : m.rtpmaps()) {
                ObjectNode cn = codecs.addObject();
                cn.put("payloadType", r.payloadType());
                cn.put("encodingName", r.encodingName());
                cn.put("clockRate", r.clockRate());
                putOptionalInt(cn, "channels", r.channels());
            }
            ArrayNode cands = mn.putArray("candidates");
            ArrayNode bad = mn.putArray("malformedCandidates");
            for (CandidateAttribute e : m.candidateEntries()) {
                if (e.candidate().isPresent()) {
                    candidate(cands.addObject(), e, redact);
                } else {
                    SdpParseException x = e.error().orElseThrow();
                    ObjectNode bn = bad.addObject();
                    bn.put("attribute", e.attribute().name());
                    bn.put("line", x.line());
                    bn.put("column", x.column());
                    bn.put("problem", x.problem());
                }
            }
            attributes(mn.putArray("attributes"), m.attributes(), redact);
        }
        ArrayNode unknown = root.putArray("unknownLines");
        sdp.unknownLines().forEach(l -> {
            ObjectNode un = unknown.addObject();
            un.put("line", l.lineNumber());
            un.put("text", redact ? Secrets.redactLine(l.text()) : l.text());
        });
        root.put("lineCount", sdp.lineCount());
        return root;
    }

    private static void candidate(ObjectNode n, CandidateAttribute e, boolean redact) {
        Candidate c = e.candidate().orElseThrow();
        n.put("attribute", e.attribute().name());
        n.put("line", e.attribute().lineNumber());
        n.put("form", c.form().name());
        n.put("foundation", c.foundation());
        n.put("component", c.component());
        n.put("transport", c.transport());
        n.put("priority", c.priority());
        n.put("priorityText", c.priorityText());
        n.put("address", c.address());
        n.put("port", c.port());
        putOptional(n, "type", c.type());
        putOptional(n, "relatedAddress", c.relatedAddress());
        putOptionalInt(n, "relatedPort", c.relatedPort());
        ArrayNode ext = n.putArray("extensions");
        for (Candidate.Extension x : c.extensions()) {
            ObjectNode xn = ext.addObject();
            xn.put("name", x.name());
            xn.put("value", x.value());
        }
        if (c.form() == Candidate.Form.MS_ICE_DRAFT6) {
            // The draft-6 form carries the ICE password in the candidate itself.
            n.put("username", c.username());
            n.put("password", redact ? Secrets.REDACTED : c.password());
        }
    }

    private static void connections(ArrayNode a, List<Connection> list) {
        for (Connection c : list) {
            ObjectNode n = a.addObject();
            n.put("networkType", c.networkType());
            n.put("addressType", c.addressType());
            n.put("address", c.address());
            putOptionalInt(n, "ttl", c.ttl());
            putOptionalInt(n, "count", c.count());
            n.put("line", c.lineNumber());
        }
    }

    private static void bandwidths(ArrayNode a, List<Bandwidth> list) {
        for (Bandwidth b : list) {
            ObjectNode n = a.addObject();
            n.put("type", b.type());
            n.put("value", b.value());
            n.put("line", b.lineNumber());
        }
    }


    private static void attributes(ArrayNode a, List<Attribute> list, boolean redact) {
        for (Attribute at : list) {
            ObjectNode n = a.addObject();
            n.put("name", redact ? Secrets.redactAttributeName(at.name()) : at.name());
            putOptional(n, "value", redact ? Secrets.redactAttribute(at.name(), at.value()) : at.value());
            n.put("line", at.lineNumber());
        }
    }

    private static void putOptional(ObjectNode n, String field, Optional<String> v) {
        if (v.isPresent()) {
            n.put(field, v.get());
        } else {
            n.putNull(field);
        }
    }

    private static void putOptionalInt(ObjectNode n, String field, OptionalInt v) {
        if (v.isPresent()) {
            n.put(field, v.getAsInt());
        } else {
            n.putNull(field);
        }
    }
}
