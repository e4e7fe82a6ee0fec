package io.mediapath.diagnose;

import io.mediapath.diagnose.Diagnosis.DialogDiagnosis;
import io.mediapath.diagnose.Diagnosis.IceWarnDecode;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.sdp.msdiag.MediaDebug;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads, from a client or server log, the media relays to probe: the MRAS answer's {@code mediaRelayList}
 * ({@code hostName}, {@code udpPort}, {@code tcpPort} per {@code location}) and the relays the ms-diagnostics headers
 * say the client used ({@code LocalMR}, named by {@code MrDnsU}). The MRAS credentials are kept for an explicit
 * opt-in ({@link LogRelays#credentials()}) and never rendered.
 *
 * <p>The XML is read with the JDK's StAX reader with DTDs and external entities off, one {@code credentialsResponse}
 * element at a time, each at most {@value #MAX_FRAGMENT_CHARS} characters; at most {@value #MAX_RELAYS} relays are
 * kept. What cannot be read becomes an {@code MRAS_UNREADABLE} finding, never an exception.
 */
public final class RelayExtractor {

    /** An MRAS answer that is not well-formed XML, too large, or names a relay that is not a host name or address. */
    public static final String MRAS_UNREADABLE = DiagnoseFindingCodes.MRAS_UNREADABLE.code();

    /** The largest {@code credentialsResponse} element read (an answer is well under 4 KiB). */
    static final int MAX_FRAGMENT_CHARS = 64 * 1024;
    /** Relays kept (a pool has a handful). */
    static final int MAX_RELAYS = 64;
    /** MRAS answers read from one log (a long log renews credentials every 8 hours). */
    static final int MAX_FRAGMENTS = 256;
    private static final int MAX_PROBLEMS = 5;

    private static final String OPEN = "<credentialsResponse";
    private static final String CLOSE = "</credentialsResponse>";

    private static final XMLInputFactory XML = factory();

    private RelayExtractor() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The relays of the MRAS answers in {@code text} (a log, a trace, a paste), with {@code source} in the evidence. */
    public static LogRelays extract(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Collector c = new Collector();
        int from = 0;
        for (int n = 0; n < MAX_FRAGMENTS; n++) {
            int start = text.indexOf(OPEN, from);
            if (start < 0) {
                break;
            }
            int end = text.indexOf(CLOSE, start);
            int line = lineOf(text, start);
            if (end < 0 || end - start > MAX_FRAGMENT_CHARS) {
                c.problem(source, line, text, end < 0 ? "the MRAS answer ends before </credentialsResponse> (cut log?)"
                        : "the MRAS answer is longer than " + MAX_FRAGMENT_CHARS + " characters");
                from = start + OPEN.length();
                continue;
            }
            from = end + CLOSE.length();
            c.read(text.substring(start, from), source, line, text);
        }
        return c.result();
    }

    /**
     * As {@link #extract(String, String)}, plus the relays the diagnosis's ms-diagnostics headers name ({@code LocalMR},
     * with {@code MrDnsU} as the name and the section's {@code LocalLocation}).
     */
    public static LogRelays extract(String text, String source, Diagnosis d) {
        LogRelays mras = extract(text, source);
        Collector c = new Collector();
        c.relays.addAll(mras.relays());
        c.credentials = mras.credentials();
        c.problems.addAll(mras.problems());
        List<RelayTarget> used = new ArrayList<>();
        for (DialogDiagnosis dd : d.dialogs()) {
            for (IceWarnDecode w : dd.iceWarns()) {
                MediaDebug m = w.debug();
                m.localMr().map(mr -> mr.host()).filter(RelayExtractor::plausibleHost).ifPresent(ip -> used.add(
                        new RelayTarget(m.mrDnsU().filter(RelayExtractor::plausibleHost).orElse(ip), Optional.of(ip),
                                RelayTarget.DEFAULT_UDP_PORT, RelayTarget.DEFAULT_TCP_PORT,
                                m.localLocation().orElse(Location.UNKNOWN), RelayTarget.Source.LOCAL_MR, w.evidence())));
            }
        }
        // Sections that name the relay (MrDnsU) first, so a bare address merges into its name.
        used.stream().filter(r -> !r.host().equals(r.address().orElse(""))).forEach(c::add);
        used.stream().filter(r -> r.host().equals(r.address().orElse(""))).forEach(c::add);
        return c.result();
    }

    private static final class Collector {
        final List<RelayTarget> relays = new ArrayList<>();
        final List<Finding> problems = new ArrayList<>();
        Optional<MrasCredentials> credentials = Optional.empty();

        void add(RelayTarget r) {
            if (relays.size() >= MAX_RELAYS) {
                return;
            }
            for (int i = 0; i < relays.size(); i++) {
                RelayTarget o = relays.get(i);
                if (o.location() == r.location() && same(o, r)) {
                    // One relay named twice: keep MRAS's ports, a name over a bare address, and the address used.
                    boolean rNamed = !r.host().equals(r.address().orElse(""));
                    boolean oNamed = !o.host().equals(o.address().orElse(""));
                    String host = oNamed || !rNamed ? o.host() : r.host();
                    relays.set(i, new RelayTarget(host, o.address().or(r::address), o.udpPort(), o.tcpPort(),
                            o.location(), o.source(), o.evidence()));
                    return;
                }
            }
            relays.add(r);
        }

        private static boolean same(RelayTarget a, RelayTarget b) {
            return a.host().equalsIgnoreCase(b.host()) || a.address().isPresent() && a.address().equals(b.address())
                    || b.address().map(a.host()::equalsIgnoreCase).orElse(false)
                    || a.address().map(b.host()::equalsIgnoreCase).orElse(false);
        }

        void problem(String source, int line, String text, String why) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(DiagnoseFindingCodes.MRAS_UNREADABLE.builder()
                        .summary("an MRAS answer could not be read: " + why)
                        .evidence(Evidence.line(source, line, "<credentialsResponse …>")).build());
            }
        }

        void read(String xml, String source, int line, String text) {
            List<Map<String, String>> found = new ArrayList<>();
            Map<String, String> creds = new LinkedHashMap<>();
            try {
                XMLStreamReader r = XML.createXMLStreamReader(new StringReader(xml));
                try {
                    Map<String, String> relay = null;
                    boolean inCredentials = false;
                    String element = null;
                    StringBuilder value = new StringBuilder();
                    while (r.hasNext()) {
                        int ev = r.next();
                        if (ev == XMLStreamConstants.START_ELEMENT) {
                            String name = r.getLocalName();
                            if (name.equals("mediaRelay")) {
                                relay = new LinkedHashMap<>();
                            } else if (name.equals("credentials")) {
                                inCredentials = true;
                            }
                            element = name;
                            value.setLength(0);
                        } else if (ev == XMLStreamConstants.CHARACTERS && element != null && value.length() < 512) {
                            value.append(r.getText(), 0, Math.min(r.getTextLength(), 512 - value.length()));
                        } else if (ev == XMLStreamConstants.END_ELEMENT) {
                            String name = r.getLocalName();
                            if (name.equals("mediaRelay") && relay != null) {
                                if (found.size() < MAX_RELAYS) {
                                    found.add(relay);
                                }
                                relay = null;
                            } else if (name.equals("credentials")) {
                                inCredentials = false;
                            } else if (relay != null) {
                                relay.putIfAbsent(name, value.toString().strip());
                            } else if (inCredentials) {
                                creds.putIfAbsent(name, value.toString().strip());
                            }
                            element = null;
                        } else if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                            throw new XMLStreamException("a DTD or entity reference in an MRAS answer");
                        }
                    }
                } finally {
                    r.close();
                }
            } catch (XMLStreamException | RuntimeException e) {
                // RuntimeException: the JDK reader throws some of its own for malformed input
                problem(source, line, text, "not well-formed XML (" + firstLine(e.getMessage()) + ")");
                return;
            }
            for (Map<String, String> m : found) {
                String host = m.getOrDefault("hostName", "");
                if (!plausibleHost(host)) {
                    problem(source, line, text, "a mediaRelay without a usable hostName");
                    continue;
                }
                int udp = port(m.get("udpPort"), RelayTarget.DEFAULT_UDP_PORT);
                int tcp = port(m.get("tcpPort"), RelayTarget.DEFAULT_TCP_PORT);
                Location loc = Location.parse(m.getOrDefault("location", "")).orElse(Location.UNKNOWN);
                add(new RelayTarget(host, Optional.empty(), udp, tcp, loc, RelayTarget.Source.MRAS,
                        Evidence.line(source, line, "mediaRelay " + loc.name().toLowerCase(Locale.ROOT) + " hostName="
                                + host + " udpPort=" + udp + " tcpPort=" + tcp)));
            }
            String user = creds.getOrDefault("username", "");
            String pass = creds.getOrDefault("password", "");
            if (credentials.isEmpty() && !user.isEmpty() && !pass.isEmpty()) {
                credentials = Optional.of(new MrasCredentials(user, pass));
            }
        }

        LogRelays result() {
            return new LogRelays(relays, credentials, problems);
        }
    }

    /** A port as written, the default when absent, 0 (none) when not a port. */
    private static int port(String text, int dflt) {
        if (text == null || text.isEmpty()) {
            return dflt;
        }
        if (text.length() > 5 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return 0;
        }
        int p = Integer.parseInt(text);
        return p <= 65535 ? p : 0;
    }

    /** A DNS name or an IP literal, nothing a shell, URL or report could misread. */
    static boolean plausibleHost(String h) {
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            char ch = h.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '-'
                    || ch == ':' || ch == '_')) {
                return false;
            }
        }
        return !h.startsWith("-") && !h.startsWith(".");
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        return line;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
