package io.mediapath.sdp.msdiag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The media connectivity report of one side for one media type: one {@code <media>:ICEWarn=…,LocalSite=…,…}
 * section of a {@code CallerMediaDebug}/{@code CalleeMediaDebug} parameter, or the flat monitoring-server form
 * ({@code UserType="Callee"; MediaType="audio"; ICEWarn="0x…"; …}).
 *
 * <p>{@link #fields()} keeps every field as written, in order; the typed accessors read the ones that are
 * understood and return empty when a field is absent or malformed (malformed is never fatal: these values come
 * from web pages and wrapped log lines).
 *
 * @param side      whose report this is
 * @param mediaType media type as written ({@code audio}, {@code video}, {@code application-sharing}, …)
 * @param fields    every {@code key=value} field in order (keys as written)
 */
public record MediaDebug(Side side, String mediaType, Map<String, String> fields) {

    public MediaDebug {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(mediaType, "mediaType");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Which endpoint wrote the report. */
    public enum Side {
        /** {@code CallerMediaDebug} or {@code UserType="Caller"}. */
        CALLER,
        /** {@code CalleeMediaDebug} or {@code UserType="Callee"}. */
        CALLEE,
        /** Not stated. */
        UNKNOWN
    }

    /** A field by name, ignoring case. */
    public Optional<String> field(String name) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether this is the application-sharing report (TCP-only media; the seeds' failing modality). */
    public boolean isApplicationSharing() {
        return mediaType.equalsIgnoreCase("application-sharing") || mediaType.equalsIgnoreCase("applicationsharing");
    }

    /** The ICEWarn bit mask. */
    public OptionalLong iceWarn() {
        return field("ICEWarn").map(IceWarn::parseValue).orElse(OptionalLong.empty());
    }

    /** ICEWarn decoded with the Resource Kit table; empty list when ICEWarn is absent or 0. */
    public List<IceWarnFlag> iceWarnFlags() {
        OptionalLong v = iceWarn();
        return v.isPresent() ? IceWarn.decode(v.getAsLong()) : List.of();
    }

    /** ICEWarnEx, an opaque mask (no public bit table). */
    public OptionalLong iceWarnEx() {
        return field("ICEWarnEx").map(IceWarn::parseValue).orElse(OptionalLong.empty());
    }

    /** LocalSite: the local endpoint's address as used. */
    public Optional<MediaEndpoint> localSite() {
        return field("LocalSite").flatMap(MediaEndpoint::parse);
    }

    /** RemoteSite: the remote endpoint's address as used. */
    public Optional<MediaEndpoint> remoteSite() {
        return field("RemoteSite").flatMap(MediaEndpoint::parse);
    }

    /** LocalMR: the local media relay (A/V Edge) address; absent when no relay was allocated or known. */
    public Optional<MediaEndpoint> localMr() {
        return field("LocalMR").flatMap(MediaEndpoint::parse);
    }

    /** RemoteMR: the remote side's media relay address. */
    public Optional<MediaEndpoint> remoteMr() {
        return field("RemoteMR").flatMap(MediaEndpoint::parse);
    }

    /** LocalMRTCPPort: the TCP relay port allocated for this side (absent: no TCP relay allocation, inferred). */
    public OptionalInt localMrTcpPort() {
        return port("LocalMRTCPPort");
    }

    /** RemoteMRTCPPort: the TCP relay port of the remote side. */
    public OptionalInt remoteMrTcpPort() {
        return port("RemoteMRTCPPort");
    }

    /** PortRange: the client's media port range. */
    public Optional<PortRange> portRange() {
        return field("PortRange").flatMap(PortRange::parse);
    }

    /** LocalLocation: where this endpoint was. */
    public Optional<Location> localLocation() {
        return field("LocalLocation").flatMap(Location::parse);
    }

    /** RemoteLocation: where the other endpoint was. */
    public Optional<Location> remoteLocation() {
        return field("RemoteLocation").flatMap(Location::parse);
    }

    /** FederationType. */
    public Optional<FederationType> federationType() {
        return field("FederationType").flatMap(FederationType::parse);
    }

    /** NetworkName: DNS suffix of the endpoint's network. */
    public Optional<String> networkName() {
        return field("NetworkName").filter(s -> !s.isEmpty());
    }

    /** MrDnsU: the media relay DNS name used (monitoring form). */
    public Optional<String> mrDnsU() {
        return field("MrDnsU").filter(s -> !s.isEmpty());
    }

    /** MrResU: the media relay name resolution result, as written (monitoring form; {@code 0} seen). */
    public Optional<String> mrResU() {
        return field("MrResU").filter(s -> !s.isEmpty());
    }

    /** Interfaces: bit mask of interface kinds (semantics undocumented). */
    public OptionalLong interfaces() {
        return field("Interfaces").map(IceWarn::parseValue).orElse(OptionalLong.empty());
    }

    /** BaseInterface: bit mask of the base interface kind (semantics undocumented). */
    public OptionalLong baseInterface() {
        return field("BaseInterface").map(IceWarn::parseValue).orElse(OptionalLong.empty());
    }

    /** BaseAddress: local base address of the chosen candidate. */
    public Optional<MediaEndpoint> baseAddress() {
        return field("BaseAddress").flatMap(MediaEndpoint::parse);
    }

    private OptionalInt port(String name) {
        Optional<String> v = field(name).map(String::trim);
        if (v.isEmpty() || v.get().isEmpty() || v.get().length() > 5 || !v.get().chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int p = Integer.parseInt(v.get());
        return p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
    }
}
