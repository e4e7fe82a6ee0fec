package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One media section: the {@code m=} line and the lines up to the next {@code m=} line. Immutable. Attribute lists and
 * typed views are computed from the text on first use; the raw lines stay available through
 * {@link SessionDescription#lines()}.
 */
public final class MediaDescription {

    /** Mutable pieces collected by the parser. */
    static final class Parts {
        final String type;
        final int port;
        final OptionalInt portCount;
        final String protocol;
        final String formats;
        final int fromLine;
        int toLine;
        String information;
        final List<Connection> connections = new ArrayList<>(1);
        final List<Bandwidth> bandwidths = new ArrayList<>(0);
        Key key;

        Parts(String type, int port, OptionalInt portCount, String protocol, String formats, int fromLine) {
            this.type = type;
            this.port = port;
            this.portCount = portCount;
            this.protocol = protocol;
            this.formats = formats;
            this.fromLine = fromLine;
        }
    }

    private final Lines lines;
    private final Parts p;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    // Lazily computed; racy single-check is safe because the values are immutable.
    private List<String> formats;
    private List<Attribute> attributes;
    private List<CandidateAttribute> candidateEntries;

    MediaDescription(Lines lines, Parts p) {
        this.lines = lines;
        this.p = p;
        this.connections = List.copyOf(p.connections);
        this.bandwidths = List.copyOf(p.bandwidths);
    }

    /** Media type as written: {@code audio}, {@code video}, {@code application}, {@code applicationsharing}, {@code data}, … */
    public String type() {
        return p.type;
    }

    /** Transport port (0: rejected, or bundle-only). */
    public int port() {
        return p.port;
    }

    /** The {@code /<number of ports>} suffix, when present. */
    public OptionalInt portCount() {
        return p.portCount;
    }

    /** Transport protocol as written: {@code UDP/TLS/RTP/SAVPF}, {@code RTP/SAVP}, {@code TCP/RTP/AVP}, {@code tcp}, … */
    public String protocol() {
        return p.protocol;
    }

    /** The format list as written (payload types, or {@code webrtc-datachannel}, {@code msdata}, {@code *}, …). */
    public List<String> formats() {
        List<String> f = formats;
        if (f == null) {
            f = List.copyOf(Attributes.words(p.formats));
            formats = f;
        }
        return f;
    }

    /** 1-based line number of the {@code m=} line. */
    public int lineNumber() {
        return p.fromLine + 1;
    }

    /** 1-based line number of the last line of this section. */
    public int lastLineNumber() {
        return p.toLine;
    }

    /** The {@code m=} line as written. */
    public String mediaLine() {
        return lines.lineText(p.fromLine);
    }

    /** The section's {@code i=} line. */
    public Optional<String> information() {
        return Optional.ofNullable(p.information);
    }

    /** The first {@code c=} line of the section, if any (see {@link #connections()}). */
    public Optional<Connection> connection() {
        return connections.isEmpty() ? Optional.empty() : Optional.of(connections.get(0));
    }

    /** Every {@code c=} line of the section, in order (several are legal, e.g. layered multicast). */
    public List<Connection> connections() {
        return connections;
    }

    /** The section's {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The section's {@code k=} line. */
    public Optional<Key> key() {
        return Optional.ofNullable(p.key);
    }

    /** Every {@code a=} line of the section, in order. */
    public List<Attribute> attributes() {
        List<Attribute> a = attributes;
        if (a == null) {
            a = lines.attributes(p.fromLine + 1, p.toLine);
            attributes = a;
        }
        return a;
    }

    /** The first attribute called exactly {@code name}. */
    public Optional<Attribute> attribute(String name) {
        return Attributes.first(attributes(), name);
    }

    /** Every attribute called exactly {@code name}, in order. */
    public List<Attribute> attributes(String name) {
        return Attributes.all(attributes(), name);
    }

    /** Whether the section has a property or value attribute called {@code name}. */
    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    // ------------------------------------------------------------------ candidates

    /**
     * Every {@code a=candidate} and {@code a=x-candidate-ipv6} line with its parse result, in order. Lines that do
     * not parse have an empty {@link CandidateAttribute#candidate()} and an {@link CandidateAttribute#error()}.
     */
    public List<CandidateAttribute> candidateEntries() {
        List<CandidateAttribute> c = candidateEntries;
        if (c == null) {
            // straight from the lines: an audit reads only the candidates, so the other attributes are not built
            List<CandidateAttribute> out = new ArrayList<>();
            for (int i = p.fromLine + 1; i < p.toLine; i++) {
                if (lines.isAttribute(i, "candidate") || lines.isAttribute(i, Candidates.X_CANDIDATE_IPV6)) {
                    out.add(CandidateAttribute.of(lines.attribute(i)));
                }
            }
            c = java.util.Collections.unmodifiableList(out);
            candidateEntries = c;
        }
        return c;
    }

    /**
     * The {@code a=candidate} lines that parse, in either the RFC 8839 form or the MS-ICE draft-6 form. Never throws:
     * lines that do not parse are left out here and listed by {@link #malformedCandidates()}. Microsoft's
     * {@code a=x-candidate-ipv6} lines are not included; see {@link #ipv6Candidates()} and {@link #allCandidates()}.
     */
    public List<Candidate> candidates() {
        return select(true, false);
    }

    /** Microsoft's {@code a=x-candidate-ipv6} lines that parse (candidate syntax, IPv6 addresses). */
    public List<Candidate> ipv6Candidates() {
        return select(false, true);
    }

    /** {@link #candidates()} and {@link #ipv6Candidates()} together, in line order. */
    public List<Candidate> allCandidates() {
        return select(true, true);
    }

    private List<Candidate> select(boolean rfc, boolean ipv6) {
        List<Candidate> out = new ArrayList<>();
        for (CandidateAttribute e : candidateEntries()) {
            boolean isV6 = e.attribute().is(Candidates.X_CANDIDATE_IPV6);
            if ((isV6 ? ipv6 : rfc) && e.candidate().isPresent()) {
                out.add(e.candidate().get());
            }
        }
        return List.copyOf(out);
    }

    /** The candidate lines ({@code a=candidate}, {@code a=x-candidate-ipv6}) that did not parse, kept raw. */
    public List<Attribute> malformedCandidates() {
        List<Attribute> out = new ArrayList<>();
        for (CandidateAttribute e : candidateEntries()) {
            if (e.candidate().isEmpty()) {
                out.add(e.attribute());
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ typed views

    /** {@code a=rtpmap} lines that parse. */
    public List<Rtpmap> rtpmaps() {
        return Attributes.typed(attributes(), "rtpmap", Rtpmap::from);
    }

    /** The {@code a=rtpmap} for payload type {@code pt}. */
    public Optional<Rtpmap> rtpmap(int pt) {
        for (Rtpmap r : rtpmaps()) {
            if (r.payloadType() == pt) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** {@code a=fmtp} lines that parse. */
    public List<Fmtp> fmtps() {
        return Attributes.typed(attributes(), "fmtp", Fmtp::from);
    }

    /** {@code a=rtcp-fb} lines that parse. */
    public List<RtcpFb> rtcpFeedback() {
        return Attributes.typed(attributes(), "rtcp-fb", RtcpFb::from);
    }

    /** {@code a=extmap} lines that parse. */
    public List<Extmap> extmaps() {
        return Attributes.typed(attributes(), "extmap", Extmap::from);
    }

    /** {@code a=ssrc} lines that parse. */
    public List<Ssrc> ssrcs() {
        return Attributes.typed(attributes(), "ssrc", Ssrc::from);
    }

    /** {@code a=ssrc-group} lines that parse. */
    public List<SsrcGroup> ssrcGroups() {
        return Attributes.typed(attributes(), "ssrc-group", SsrcGroup::from);
    }

    /** {@code a=msid} lines that parse. */
    public List<Msid> msids() {
        return Attributes.typed(attributes(), "msid", Msid::from);
    }

    /** {@code a=rid} lines that parse. */
    public List<Rid> rids() {
        return Attributes.typed(attributes(), "rid", Rid::from);
    }

    /** The {@code a=simulcast} line, if it parses. */
    public Optional<Simulcast> simulcast() {
        return attribute("simulcast").flatMap(Simulcast::from);
    }

    /** {@code a=crypto} lines (SDES) that parse. */
    public List<Crypto> cryptos() {
        return Attributes.typed(attributes(), "crypto", Crypto::from);
    }

    /** Microsoft {@code a=cryptoscale} lines that parse. */
    public List<CryptoScale> cryptoScales() {
        return Attributes.typed(attributes(), "cryptoscale", CryptoScale::from);
    }

    /** {@code a=fingerprint} lines that parse (media level; see also the session level). */
    public List<Fingerprint> fingerprints() {
        return Attributes.typed(attributes(), "fingerprint", Fingerprint::from);
    }

    /** The {@code a=rtcp} line, if it parses. */
    public Optional<Rtcp> rtcp() {
        return attribute("rtcp").flatMap(Rtcp::from);
    }

    /** The {@code a=mid} value. */
    public Optional<String> mid() {
        return Attributes.value(attributes(), "mid");
    }

    /** The {@code a=ice-ufrag} value. */
    public Optional<String> iceUfrag() {
        return Attributes.value(attributes(), "ice-ufrag");
    }

    /** The {@code a=ice-pwd} value. */
    public Optional<String> icePwd() {
        return Attributes.value(attributes(), "ice-pwd");
    }

    /** The {@code a=ice-options} tokens. */
    public Optional<IceOptions> iceOptions() {
        return attribute("ice-options").flatMap(IceOptions::from);
    }

    /** The {@code a=setup} role. */
    public Optional<Setup> setup() {
        return attribute("setup").flatMap(Setup::from);
    }

    /** The direction attribute ({@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}), the last one wins. */
    public Optional<Direction> direction() {
        return Direction.of(attributes());
    }

    /** Whether {@code a=rtcp-mux} is present. */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** Whether {@code a=rtcp-rsize} is present. */
    public boolean rtcpRsize() {
        return hasAttribute("rtcp-rsize");
    }

    /** Whether {@code a=end-of-candidates} is present. */
    public boolean endOfCandidates() {
        return hasAttribute("end-of-candidates");
    }

    /** Whether {@code a=ice-lite} is present at media level (it belongs at session level). */
    public boolean iceLite() {
        return hasAttribute("ice-lite");
    }

    /** Whether {@code a=bundle-only} is present. */
    public boolean bundleOnly() {
        return hasAttribute("bundle-only");
    }

    /** {@code a=ptime} in milliseconds (fractional values such as {@code 0.125} occur). */
    public OptionalDouble ptime() {
        return Attributes.decimal(attributes(), "ptime");
    }

    /** {@code a=maxptime} in milliseconds. */
    public OptionalDouble maxptime() {
        return Attributes.decimal(attributes(), "maxptime");
    }

    /** {@code a=sctp-port}. */
    public OptionalInt sctpPort() {
        OptionalLong v = Attributes.number(attributes(), "sctp-port");
        return v.isPresent() && v.getAsLong() <= 65535 ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** {@code a=max-message-size}. */
    public OptionalLong maxMessageSize() {
        return Attributes.number(attributes(), "max-message-size");
    }

    /** {@code a=connection} ({@code new} or {@code existing}, RFC 4145), trimmed. */
    public Optional<String> connectionAttribute() {
        return Attributes.value(attributes(), "connection");
    }

    /** Microsoft {@code a=label} ({@code main-audio}, {@code main-video}, {@code applicationsharing-video}, …). */
    public Optional<String> label() {
        return Attributes.value(attributes(), "label");
    }

    /** Microsoft {@code a=x-source} ({@code main-audio}, {@code main-video}, …). */
    public Optional<String> xSource() {
        return Attributes.value(attributes(), "x-source");
    }

    /** Microsoft {@code a=encryption} ({@code required}, {@code optional}, {@code rejected}). */
    public Optional<Encryption> encryption() {
        return attribute("encryption").flatMap(Encryption::from);
    }

    /** Microsoft {@code a=x-ssrc-range}. */
    public Optional<XSsrcRange> xSsrcRange() {
        return attribute("x-ssrc-range").flatMap(XSsrcRange::from);
    }

    /** Microsoft {@code a=x-caps} lines that parse. */
    public List<XCaps> xCaps() {
        return Attributes.typed(attributes(), "x-caps", XCaps::from);
    }

    /**
     * Microsoft's {@code a=x-applicationsharing-*} family (session id, role, media type, …), in order, as
     * attributes; see {@link Attributes#X_APPLICATIONSHARING_PREFIX}.
     */
    public List<Attribute> applicationSharingAttributes() {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes()) {
            if (a.name().startsWith(Attributes.X_APPLICATIONSHARING_PREFIX)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /** The value of {@code a=x-applicationsharing-<suffix>}, e.g. {@code applicationSharing("role")}. */
    public Optional<String> applicationSharing(String suffix) {
        return Attributes.value(attributes(), Attributes.X_APPLICATIONSHARING_PREFIX + suffix);
    }

    // ------------------------------------------------------------------ identity, text, builder

    /** The section's text exactly as written, line endings included. */
    public String text() {
        int from = lines.starts[p.fromLine];
        int to = p.toLine < lines.count ? lines.starts[p.toLine] : lines.text.length();
        return lines.text.substring(from, to);
    }

    /** A builder holding this section's typed content (lines the lenient parser did not understand are kept raw). */
    public Builder toBuilder() {
        Builder b = new Builder(p.type, p.port, p.protocol).formats(formats());
        p.portCount.ifPresent(b::portCount);
        b.information = p.information;
        b.connections.addAll(connections);
        b.bandwidths.addAll(bandwidths);
        b.key = p.key;
        for (int i = p.fromLine + 1; i < p.toLine; i++) {
            char t = (char) lines.types[i];
            if (t == 'a') {
                b.attributes.add(lines.attribute(i));
            } else if (t != 'i' && t != 'c' && t != 'b' && t != 'k' && lines.ends[i] > lines.starts[i]) {
                b.rawLines.add(lines.lineText(i));
            }
        }
        return b;
    }

    /** A builder for a new media section. */
    public static Builder builder(String type, int port, String protocol) {
        return new Builder(type, port, protocol);
    }

    /** Equal when the section text and position are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && m.p.fromLine == p.fromLine && m.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    /** The section's text exactly as written. */
    @Override
    public String toString() {
        return text();
    }

    /**
     * Builds a media section for {@link SessionDescription.Builder#addMedia(Builder)}. Serialised canonically in RFC
     * 8866 order: {@code m i c b k a}, then any raw lines carried over from a lenient parse.
     */
    public static final class Builder {
        private String type;
        private int port;
        private Integer portCount;
        private String protocol;
        private List<String> formats = new ArrayList<>();
        private String information;
        private final List<Connection> connections = new ArrayList<>();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private Key key;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<String> rawLines = new ArrayList<>();

        Builder(String type, int port, String protocol) {
            type(type).port(port).protocol(protocol);
        }

        /** Sets the media type. */
        public Builder type(String type) {
            this.type = Text.token(type, "type");
            return this;
        }

        /** Sets the port (0–65535). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Sets the number of ports ({@code m=video 49170/2 …}). */
        public Builder portCount(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("port count must be at least 1: " + count);
            }
            this.portCount = count;
            return this;
        }

        /** Sets the protocol. */
        public Builder protocol(String protocol) {
            this.protocol = Text.token(protocol, "protocol");
            return this;
        }

        /** Replaces the format list. */
        public Builder formats(List<String> formats) {
            List<String> f = new ArrayList<>();
            for (String s : formats) {
                f.add(Text.token(s, "format"));
            }
            this.formats = f;
            return this;
        }

        /** Replaces the format list. */
        public Builder formats(String... formats) {
            return formats(Arrays.asList(formats));
        }

        /** Sets or clears the {@code i=} line. */
        public Builder information(String information) {
            this.information = information == null ? null : Text.value(information, "information");
            return this;
        }

        /** Adds a {@code c=} line. */
        public Builder addConnection(Connection c) {
            connections.add(Objects.requireNonNull(c, "connection"));
            return this;
        }

        /** Removes every {@code c=} line. */
        public Builder clearConnections() {
            connections.clear();
            return this;
        }

        /** Adds a {@code b=} line. */
        public Builder addBandwidth(Bandwidth b) {
            bandwidths.add(Objects.requireNonNull(b, "bandwidth"));
            return this;
        }

        /** Sets or clears the {@code k=} line. */
        public Builder key(Key key) {
            this.key = key;
            return this;
        }

        /** Appends a property attribute {@code a=name}. */
        public Builder addAttribute(String name) {
            attributes.add(Attribute.of(Text.attributeName(name)));
            return this;
        }

        /** Appends a value attribute {@code a=name:value}. */
        public Builder addAttribute(String name, String value) {
            attributes.add(Attribute.of(Text.attributeName(name), Text.value(value, "value")));
            return this;
        }

        /** Appends an attribute. */
        public Builder addAttribute(Attribute a) {
            return a.value().isPresent() ? addAttribute(a.name(), a.value().get()) : addAttribute(a.name());
        }

        /** Removes every attribute called {@code name}. */
        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.is(name));
            return this;
        }

        /** Replaces every attribute called {@code name} by a single {@code a=name:value} at the first one's place. */
        public Builder setAttribute(String name, String value) {
            Attribute n = Attribute.of(Text.attributeName(name), Text.value(value, "value"));
            int at = -1;
            for (int i = 0; i < attributes.size(); i++) {
                if (attributes.get(i).is(name)) {
                    at = i;
                    break;
                }
            }
            removeAttributes(name);
            attributes.add(at < 0 ? attributes.size() : Math.min(at, attributes.size()), n);
            return this;
        }

        /** The attributes currently held, in order. */
        public List<Attribute> attributes() {
            return List.copyOf(attributes);
        }

        void render(StringBuilder sb) {
            sb.append("m=").append(type).append(' ').append(port);
            if (portCount != null) {
                sb.append('/').append(portCount);
            }
            sb.append(' ').append(protocol);
            for (String f : formats) {
                sb.append(' ').append(f);
            }
            sb.append("\r\n");
            if (information != null) {
                sb.append("i=").append(information).append("\r\n");
            }
            for (Connection c : connections) {
                sb.append("c=").append(c.text()).append("\r\n");
            }
            for (Bandwidth b : bandwidths) {
                sb.append("b=").append(b.text()).append("\r\n");
            }
            if (key != null) {
                sb.append("k=").append(key.text()).append("\r\n");
            }
            for (Attribute a : attributes) {
                sb.append("a=").append(a.text()).append("\r\n");
            }
            for (String r : rawLines) {
                sb.append(r).append("\r\n");
            }
        }
    }
}
