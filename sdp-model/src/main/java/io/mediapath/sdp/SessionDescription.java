package io.mediapath.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SDP session description (RFC 8866), immutable and lossless: {@link #toString()} returns the parsed text
 * byte for byte, whatever its line endings, order, unknown lines or trailing spaces. Typed getters read the
 * structural lines; attributes are typed on demand by views such as {@link Rtpmap#from(Attribute)}. A description
 * built or edited through {@link #builder()} / {@link #toBuilder()} is serialised canonically (RFC 8866 order, CRLF).
 *
 * <pre>{@code
 * SessionDescription sdp = SessionDescription.parse(text);
 * for (MediaDescription m : sdp.media()) {
 *     System.out.println(m.type() + " " + m.port() + " " + m.rtpmaps() + " " + m.candidates().size());
 * }
 * }</pre>
 */
public final class SessionDescription {

    private final Lines lines;
    private final int version;
    private final Origin origin;
    private final String sessionName;
    private final String information;
    private final String uri;
    private final List<String> emails;
    private final List<String> phones;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    private final List<TimeDescription> times;
    private final List<ZoneAdjustment> zones;
    private final Key key;
    private final List<MediaDescription> media;
    private final int sessionEnd;
    // Lazily computed; racy single-check is safe because the values are immutable.
    private List<Attribute> attributes;
    private List<SdpLine> lineList;

    SessionDescription(Lines lines, int version, Origin origin, String sessionName, String information, String uri,
            List<String> emails, List<String> phones, List<Connection> connections, List<Bandwidth> bandwidths,
            List<TimeDescription> times, List<ZoneAdjustment> zones, Key key, List<MediaDescription.Parts> media) {
        this.lines = lines;
        this.version = version;
        this.origin = origin;
        this.sessionName = sessionName;
        this.information = information;
        this.uri = uri;
        this.emails = List.copyOf(emails);
        this.phones = List.copyOf(phones);
        this.connections = List.copyOf(connections);
        this.bandwidths = List.copyOf(bandwidths);
        this.times = List.copyOf(times);
        this.zones = List.copyOf(zones);
        this.key = key;
        MediaDescription[] m = new MediaDescription[media.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = new MediaDescription(lines, media.get(i));
        }
        this.media = List.of(m);
        this.sessionEnd = media.isEmpty() ? lines.count : media.get(0).fromLine;
    }

    /** Parses leniently (what real endpoints send; oddities kept verbatim). */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(text, SdpParseOptions.lenient());
    }

    /** Parses with the given strictness and limits. */
    public static SessionDescription parse(String text, SdpParseOptions options) {
        return SdpParser.parse(text, options);
    }

    /** Decodes UTF-8 strictly (malformed bytes are an error, not U+FFFD) and parses leniently. */
    public static SessionDescription parse(byte[] utf8) {
        return parse(utf8, SdpParseOptions.lenient());
    }

    /** Decodes UTF-8 strictly (malformed bytes are an error, not U+FFFD) and parses with the given options. */
    public static SessionDescription parse(byte[] utf8, SdpParseOptions options) {
        Objects.requireNonNull(utf8, "utf8");
        if (utf8.length > options.maxBytes()) {
            throw new SdpParseException(0, 1, "", "input is " + utf8.length + " bytes, limit is " + options.maxBytes(),
                    "at most " + options.maxBytes() + " bytes (SdpParseOptions.maxBytes)");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        var result = d.decode(in, out, true);
        if (!result.isError()) {
            result = d.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int ls = 0;
            for (int i = 0; i < bad; i++) {
                if (utf8[i] == '\n') {
                    line++;
                    ls = i + 1;
                }
            }
            int le = ls;
            while (le < utf8.length && utf8[le] != '\n' && utf8[le] != '\r') {
                le++;
            }
            String lt = new String(utf8, ls, le - ls, StandardCharsets.UTF_8);
            throw new SdpParseException(line, bad - ls + 1, lt,
                    String.format("invalid UTF-8 byte 0x%02X at byte offset %d", utf8[bad] & 0xff, bad),
                    "UTF-8 text (column counted in bytes)");
        }
        out.flip();
        return SdpParser.parse(out.toString(), options);
    }

    /** Checks that {@code text} is a valid session description under {@code options}; throws otherwise. */
    static void check(String text, SdpParseOptions options) {
        SdpParser.parse(text, options);
    }

    // ------------------------------------------------------------------ lines

    /** Every line, in order, with its 1-based number, text and line ending. */
    public List<SdpLine> lines() {
        List<SdpLine> l = lineList;
        if (l == null) {
            l = lines.lines();
            lineList = l;
        }
        return l;
    }

    /**
     * The text of line {@code lineNumber} (1-based) without its line ending — what {@code lines().get(n - 1).text()}
     * gives, without building the list of every line (findings cite a line or two of a description).
     *
     * @throws IndexOutOfBoundsException when there is no such line
     */
    public String lineText(int lineNumber) {
        java.util.Objects.checkIndex(lineNumber - 1, lines.count);
        return lines.lineText(lineNumber - 1);
    }

    /** Number of lines. */
    public int lineCount() {
        return lines.count;
    }

    /** The lines the lenient parser kept without understanding them (blank, unknown type, misplaced). */
    public List<SdpLine> unknownLines() {
        List<SdpLine> out = new ArrayList<>();
        for (int i = 0; i < lines.count; i++) {
            if (lines.types[i] == 0) {
                out.add(lines.line(i));
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ session fields

    /** {@code v=} (0). */
    public int version() {
        return version;
    }

    /** {@code o=}. */
    public Origin origin() {
        return origin;
    }

    /** {@code s=} as written (may be {@code " "} or, leniently, empty). */
    public String sessionName() {
        return sessionName;
    }

    /** {@code i=}. */
    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    /** {@code u=}. */
    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    /** {@code e=} lines as written. */
    public List<String> emails() {
        return emails;
    }

    /** {@code p=} lines as written. */
    public List<String> phones() {
        return phones;
    }

    /** The session-level {@code c=} line. */
    public Optional<Connection> connection() {
        return connections.isEmpty() ? Optional.empty() : Optional.of(connections.get(0));
    }

    /** Every session-level {@code c=} line (RFC 8866 allows one; the lenient parser keeps any extra). */
    public List<Connection> connections() {
        return connections;
    }

    /** Session-level {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** {@code t=} lines with their {@code r=} lines. */
    public List<TimeDescription> times() {
        return times;
    }

    /** Every {@code r=} line, in order. */
    public List<Repeat> repeats() {
        List<Repeat> out = new ArrayList<>();
        for (TimeDescription t : times) {
            out.addAll(t.repeats());
        }
        return List.copyOf(out);
    }

    /** The {@code z=} adjustments, in order. */
    public List<ZoneAdjustment> zoneAdjustments() {
        return zones;
    }

    /** Session-level {@code k=}. */
    public Optional<Key> key() {
        return Optional.ofNullable(key);
    }

    /** Session-level {@code a=} lines, in order. */
    public List<Attribute> attributes() {
        List<Attribute> a = attributes;
        if (a == null) {
            a = lines.attributes(0, sessionEnd);
            attributes = a;
        }
        return a;
    }

    /** The first session-level attribute called exactly {@code name}. */
    public Optional<Attribute> attribute(String name) {
        return Attributes.first(attributes(), name);
    }

    /** Every session-level attribute called exactly {@code name}. */
    public List<Attribute> attributes(String name) {
        return Attributes.all(attributes(), name);
    }

    /** The media sections, in order. */
    public List<MediaDescription> media() {
        return media;
    }

    // ------------------------------------------------------------------ session-level typed views

    /** {@code a=group} lines ({@code BUNDLE}, {@code LS}, …) that parse. */
    public List<Group> groups() {
        return Attributes.typed(attributes(), "group", Group::from);
    }

    /** The {@code a=group:BUNDLE} group. */
    public Optional<Group> bundle() {
        for (Group g : groups()) {
            if (g.semantics().equals("BUNDLE")) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** {@code a=msid-semantic}. */
    public Optional<MsidSemantic> msidSemantic() {
        return attribute("msid-semantic").flatMap(MsidSemantic::from);
    }

    /** Whether {@code a=ice-lite} is present. */
    public boolean iceLite() {
        return attribute("ice-lite").isPresent();
    }

    /** Session-level {@code a=ice-ufrag}. */
    public Optional<String> iceUfrag() {
        return Attributes.value(attributes(), "ice-ufrag");
    }

    /** Session-level {@code a=ice-pwd}. */
    public Optional<String> icePwd() {
        return Attributes.value(attributes(), "ice-pwd");
    }

    /** Session-level {@code a=ice-options}. */
    public Optional<IceOptions> iceOptions() {
        return attribute("ice-options").flatMap(IceOptions::from);
    }

    /** Session-level {@code a=fingerprint} lines that parse. */
    public List<Fingerprint> fingerprints() {
        return Attributes.typed(attributes(), "fingerprint", Fingerprint::from);
    }

    /** Session-level {@code a=setup}. */
    public Optional<Setup> setup() {
        return attribute("setup").flatMap(Setup::from);
    }

    /** Session-level direction attribute. */
    public Optional<Direction> direction() {
        return Direction.of(attributes());
    }

    /** Session-level {@code a=candidate} lines that parse (rare, e.g. pion's canonical test SDP). */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (Attribute a : attributes("candidate")) {
            CandidateAttribute.of(a).candidate().ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** Microsoft {@code a=x-mediabw} lines that parse. */
    public List<XMediabw> xMediabw() {
        return Attributes.typed(attributes(), "x-mediabw", XMediabw::from);
    }

    /** Microsoft {@code a=x-devicecaps}. */
    public Optional<XDevicecaps> xDevicecaps() {
        return attribute("x-devicecaps").flatMap(XDevicecaps::from);
    }

    // ------------------------------------------------------------------ identity, text, builder

    /** The exact text this description was parsed from (for a built one: its canonical CRLF text). */
    @Override
    public String toString() {
        return lines.text;
    }

    /** Equal when the texts are equal (the model is a pure function of the text). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && s.lines.text.equals(lines.text);
    }

    @Override
    public int hashCode() {
        return lines.text.hashCode();
    }

    /** A builder for a new description ({@code v=0}, {@code o=- 0 0 IN IP4 0.0.0.0}, {@code s=-}, {@code t=0 0}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this description's content. Building it serialises canonically (RFC 8866 order, CRLF), so
     * blank lines and whitespace oddities go; unknown lines kept by a lenient parse are carried over verbatim at the
     * end of their section.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.origin = origin;
        b.sessionName = sessionName;
        b.information = information;
        b.uri = uri;
        b.emails.addAll(emails);
        b.phones.addAll(phones);
        b.connection = connections.isEmpty() ? null : connections.get(0);
        b.bandwidths.addAll(bandwidths);
        b.times.clear();
        b.times.addAll(times);
        b.zones.addAll(zones);
        b.key = key;
        for (int i = 0; i < sessionEnd; i++) {
            char t = (char) lines.types[i];
            if (t == 'a') {
                b.attributes.add(lines.attribute(i));
            } else if (t == 0 && lines.ends[i] > lines.starts[i]) {
                b.rawLines.add(lines.lineText(i));
            }
        }
        for (MediaDescription m : media) {
            b.media.add(m.toBuilder());
        }
        return b;
    }

    /** Builds or edits a description; {@link #build()} serialises canonically and parses the result. */
    public static final class Builder {
        private int version;
        private Origin origin = new Origin("-", "0", "0", "IN", "IP4", "0.0.0.0", 0);
        private String sessionName = "-";
        private String information;
        private String uri;
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<TimeDescription> times = new ArrayList<>(List.of(TimeDescription.permanent()));
        private final List<ZoneAdjustment> zones = new ArrayList<>();
        private Key key;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<String> rawLines = new ArrayList<>();
        private final List<MediaDescription.Builder> media = new ArrayList<>();

        Builder() {
        }

        /** Sets {@code o=}. */
        public Builder origin(Origin origin) {
            Objects.requireNonNull(origin, "origin");
            Text.token(origin.username(), "username");
            Text.token(origin.sessionId(), "sessionId");
            Text.token(origin.sessionVersion(), "sessionVersion");
            Text.token(origin.networkType(), "networkType");
            Text.token(origin.addressType(), "addressType");
            Text.token(origin.address(), "address");
            this.origin = origin;
            return this;
        }

        /** Sets {@code s=} (an empty name is written as a single space, as RFC 8866 asks). */
        public Builder sessionName(String name) {
            this.sessionName = Text.value(name, "session name").isEmpty() ? " " : name;
            return this;
        }

        /** Sets or clears {@code i=}. */
        public Builder information(String information) {
            this.information = information == null ? null : Text.value(information, "information");
            return this;
        }

        /** Sets or clears {@code u=}. */
        public Builder uri(String uri) {
            this.uri = uri == null ? null : Text.value(uri, "uri");
            return this;
        }

        /** Adds an {@code e=} line. */
        public Builder addEmail(String email) {
            emails.add(Text.value(email, "email"));
            return this;
        }

        /** Adds a {@code p=} line. */
        public Builder addPhone(String phone) {
            phones.add(Text.value(phone, "phone"));
            return this;
        }

        /** Sets or clears the session-level {@code c=} line. */
        public Builder connection(Connection connection) {
            this.connection = connection;
            return this;
        }

        /** Adds a session-level {@code b=} line. */
        public Builder addBandwidth(Bandwidth b) {
            bandwidths.add(Objects.requireNonNull(b, "bandwidth"));
            return this;
        }

        /** Replaces the time descriptions (at least one is written: {@code t=0 0} when empty). */
        public Builder times(List<TimeDescription> times) {
            this.times.clear();
            this.times.addAll(times);
            return this;
        }

        /** Replaces the {@code z=} adjustments. */
        public Builder zoneAdjustments(List<ZoneAdjustment> zones) {
            this.zones.clear();
            this.zones.addAll(zones);
            return this;
        }

        /** Sets or clears the session-level {@code k=}. */
        public Builder key(Key key) {
            this.key = key;
            return this;
        }

        /** Appends a session-level property attribute. */
        public Builder addAttribute(String name) {
            attributes.add(Attribute.of(Text.attributeName(name)));
            return this;
        }

        /** Appends a session-level value attribute. */
        public Builder addAttribute(String name, String value) {
            attributes.add(Attribute.of(Text.attributeName(name), Text.value(value, "value")));
            return this;
        }

        /** Removes every session-level attribute called {@code name}. */
        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.is(name));
            return this;
        }

        /** Appends a media section. */
        public Builder addMedia(MediaDescription.Builder m) {
            media.add(Objects.requireNonNull(m, "media"));
            return this;
        }

        /** The media builders currently held (mutable: edit them in place). */
        public List<MediaDescription.Builder> media() {
            return media;
        }

        /** Removes every media section. */
        public Builder clearMedia() {
            media.clear();
            return this;
        }

        /** The canonical text: RFC 8866 order, CRLF line endings. */
        public String render() {
            StringBuilder sb = new StringBuilder(512);
            sb.append("v=").append(version).append("\r\n");
            sb.append("o=").append(origin.text()).append("\r\n");
            sb.append("s=").append(sessionName).append("\r\n");
            if (information != null) {
                sb.append("i=").append(information).append("\r\n");
            }
            if (uri != null) {
                sb.append("u=").append(uri).append("\r\n");
            }
            for (String e : emails) {
                sb.append("e=").append(e).append("\r\n");
            }
            for (String p : phones) {
                sb.append("p=").append(p).append("\r\n");
            }
            if (connection != null) {
                sb.append("c=").append(connection.text()).append("\r\n");
            }
            for (Bandwidth b : bandwidths) {
                sb.append("b=").append(b.text()).append("\r\n");
            }
            List<TimeDescription> ts = times.isEmpty() ? List.of(TimeDescription.permanent()) : times;
            for (TimeDescription t : ts) {
                sb.append("t=").append(t.text()).append("\r\n");
                for (Repeat r : t.repeats()) {
                    sb.append("r=").append(r.text()).append("\r\n");
                }
            }
            if (!zones.isEmpty()) {
                sb.append("z=");
                for (int i = 0; i < zones.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(zones.get(i).time()).append(' ').append(zones.get(i).offset());
                }
                sb.append("\r\n");
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
            for (MediaDescription.Builder m : media) {
                m.render(sb);
            }
            return sb.toString();
        }

        /**
         * Serialises canonically and parses the result leniently.
         *
         * @throws IllegalStateException when the content does not form a parseable description (e.g. a malformed
         *                               raw line carried over)
         */
        public SessionDescription build() {
            String text = render();
            try {
                return SdpParser.parse(text, SdpParseOptions.builder().maxBytes(Math.max(text.length(),
                        SdpParseOptions.DEFAULT_MAX_BYTES)).build());
            } catch (SdpParseException e) {
                throw new IllegalStateException("built description does not parse: " + e.getMessage(), e);
            }
        }
    }
}
