package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.LogRelays;
import io.mediapath.diagnose.MrasCredentials;
import io.mediapath.diagnose.RelayTarget;
import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.ice.Evidence;
import io.mediapath.sdp.msdiag.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code mediapath analyze --probe}: confirms an offline diagnosis live. Runs the {@link EdgePlaybook} on the relays
 * the log names for the failing client's location ({@link LogRelays#forLocation}), all at once, each under the
 * playbook's deadline, and merges the log's suspicion and the probes' conclusions into one root cause: "ICEWarn
 * 0x800000 in the log: confirmed, TLS inspection by … on TCP 443 to …". A relay that does not resolve is reported
 * (the playbook's DNS leg) and never holds up the others. Log credentials are used only when the caller passes them.
 */
public final class LiveConfirmation {

    /** At most this many relays are probed (a pool names a handful; a log could name many). */
    public static final int MAX_RELAYS = 8;

    private LiveConfirmation() {
    }

    /**
     * One relay's run.
     *
     * @param relay   what the log said
     * @param report  the playbook's report, when it finished
     * @param problem why there is no report (it did not finish in time, or could not start)
     */
    public record RelayRun(RelayTarget relay, Optional<EdgeReport> report, Optional<String> problem) {
        public RelayRun {
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * The outcome.
     *
     * @param location the client location whose relays were probed
     * @param offline  what the log alone suggested
     * @param merged   the one root cause after the probes
     * @param runs     one per relay probed, in log order
     */
    public record Result(Location location, RootCause offline, RootCause merged, List<RelayRun> runs) {
        public Result {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(offline, "offline");
            Objects.requireNonNull(merged, "merged");
            runs = List.copyOf(runs);
        }

        /** True when every relay probed has a report in which every modality works. */
        public boolean allWork() {
            return !runs.isEmpty() && runs.stream().allMatch(r -> r.report().map(EdgeReport::allWork).orElse(false));
        }
    }

    /**
     * Probes the relays of {@code relays} for the location of the client that reported the failure in {@code d}.
     *
     * @param credentials MRAS credentials to authenticate with; empty unless the user opted in
     */
    public static Result run(Diagnosis d, LogRelays relays, EdgePlaybook playbook, Optional<MrasCredentials> credentials) {
        Location where = clientLocation(d);
        List<RelayTarget> targets = relays.forLocation(where).stream().limit(MAX_RELAYS).toList();
        List<CompletableFuture<EdgeReport>> futures = new ArrayList<>();
        for (RelayTarget t : targets) {
            CompletableFuture<EdgeReport> f;
            try {
                f = playbook.run(target(t, where, credentials)).toCompletableFuture();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            futures.add(f);
        }
        // Every run has the playbook's deadline; the margin covers class loading and a loaded machine.
        long waitMillis = playbook.options().deadline().toMillis() + 10_000;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        List<RelayRun> runs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            RelayTarget t = targets.get(i);
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()));
                runs.add(new RelayRun(t, Optional.of(futures.get(i).get(left, TimeUnit.MILLISECONDS)), Optional.empty()));
            } catch (java.util.concurrent.TimeoutException e) {
                futures.get(i).cancel(true);
                runs.add(new RelayRun(t, Optional.empty(), Optional.of("no result within " + waitMillis / 1000 + " s")));
            } catch (java.util.concurrent.ExecutionException e) {
                runs.add(new RelayRun(t, Optional.empty(), Optional.of(String.valueOf(e.getCause()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                runs.add(new RelayRun(t, Optional.empty(), Optional.of("interrupted")));
            }
        }
        RootCause offline = d.rootCause();
        return new Result(where, offline, merge(d, offline, runs), runs);
    }

    private static EdgeTarget target(RelayTarget t, Location where, Optional<MrasCredentials> credentials) {
        EdgeTarget.Builder b = EdgeTarget.builder(t.host()).dialect(Dialect.MS_TURN)
                .udpPort(t.udpPort() > 0 ? t.udpPort() : RelayTarget.DEFAULT_UDP_PORT)
                .tcpPort(t.tcpPort() > 0 ? t.tcpPort() : RelayTarget.DEFAULT_TCP_PORT)
                .location(switch (where) {
                    case INTRANET -> ClientLocation.INTRANET;
                    case INTERNET -> ClientLocation.INTERNET;
                    default -> ClientLocation.UNKNOWN;
                });
        credentials.ifPresent(c -> b.credentials(c.username(), c.password()));
        return b.build();
    }

    /**
     * Where the client that reported the failure sat: the LocalLocation of an ICEWarn report with warning bits, then
     * the intranet side of a dialog (the Edge's internal relays are the ones an intranet client uses), else unknown.
     */
    static Location clientLocation(Diagnosis d) {
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            for (Diagnosis.IceWarnDecode w : dd.iceWarns()) {
                if (w.value() != 0) {
                    Optional<Location> l = w.debug().localLocation().filter(x -> x != Location.UNKNOWN);
                    if (l.isPresent()) {
                        return l.get();
                    }
                }
            }
        }
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            if (dd.locations().caller() == Location.INTRANET || dd.locations().callee() == Location.INTRANET) {
                return Location.INTRANET;
            }
        }
        return Location.UNKNOWN;
    }

    /** The log's suspicion and the probes' conclusions as one root cause. */
    static RootCause merge(Diagnosis d, RootCause offline, List<RelayRun> runs) {
        List<EdgeReport> reports = runs.stream().flatMap(r -> r.report().stream()).toList();
        if (reports.isEmpty()) {
            String why = runs.isEmpty() ? "the log names no relay for this client's location (MRAS mediaRelayList, "
                    + "ms-diagnostics LocalMR); give one with `mediapath edge HOST`"
                    : "no probe finished (" + runs.get(0).problem().orElse("?") + ")";
            return new RootCause(offline.code(), offline.summary() + " Not confirmed live: " + why + ".",
                    offline.remedy(), offline.product(), offline.evidence());
        }
        // The most telling live result: the one that names the offline cause, else any failure other than DNS,
        // else a DNS failure, else a clean path.
        EdgeReport best = reports.stream().filter(r -> r.rootCause().code() == offline.code()).findFirst()
                .or(() -> reports.stream().filter(r -> r.rootCause().code() != RootCauseCode.NONE
                        && r.rootCause().code() != RootCauseCode.DNS_FAILURE).findFirst())
                .or(() -> reports.stream().filter(r -> r.rootCause().code() != RootCauseCode.NONE).findFirst())
                .orElse(reports.get(0));
        RootCause live = best.rootCause();
        List<Evidence> evidence = new ArrayList<>(offline.evidence());
        evidence.addAll(live.evidence());
        String logSaid = logSaid(d, offline);
        String relay = best.target().host() + " (TCP " + best.target().tcpPort() + ", UDP " + best.target().udpPort() + ")";
        if (live.code() == RootCauseCode.NONE) {
            if (offline.code() == RootCauseCode.NONE) {
                return live;
            }
            return new RootCause(offline.code(), logSaid + ": not reproduced from this machine — the path to " + relay
                    + " works for every modality. " + offline.summary() + " Run the probe from the affected client's "
                    + "network (the same proxy and firewall policy), or the condition has been fixed.",
                    offline.remedy(), offline.product(), evidence);
        }
        String product = live.product().map(p -> " by " + p).orElse("");
        String what = switch (live.code()) {
            case TLS_INTERCEPTED -> "TLS inspection" + product + " on TCP " + best.target().tcpPort() + " to " + relay;
            case NAME_ONLY_BYPASS -> "TLS inspection" + product + " on TCP " + best.target().tcpPort() + " to " + relay
                    + ", bypassed for the relay's name only";
            case HTTP_PROXY -> "a web proxy" + product + " answering on TCP " + best.target().tcpPort() + " for " + relay;
            case MIDDLEBOX_RESET -> "a middlebox resetting TCP " + best.target().tcpPort() + " to " + relay
                    + " after the hello";
            default -> live.code().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " for " + relay;
        };
        String said = live.code() == offline.code() ? logSaid + ": confirmed, " + what
                : logSaid + " suggested " + offline.code() + "; the live probe finds " + what;
        return new RootCause(live.code(), said + ". " + live.summary(),
                live.remedy(), live.product().or(offline::product), evidence);
    }

    /** "ICEWarn 0x800328 in the log" when the offline cause rests on ICEWarn bits; otherwise the offline code. */
    private static String logSaid(Diagnosis d, RootCause offline) {
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            for (Diagnosis.IceWarnDecode w : dd.iceWarns()) {
                if (w.has("PSEUDO_TLS_FAILURE")) {
                    return "ICEWarn " + w.hex() + " (0x800000, pseudo-TLS failure) in the log's "
                            + (w.evidence().excerpt().toLowerCase(Locale.ROOT).startsWith("ms-client-diagnostics")
                                    ? "ms-client-diagnostics" : "ms-diagnostics") + " (" + w.evidence().location() + ")";
                }
            }
        }
        return "The log suggested " + offline.code();
    }

    /** The probe deadline the CLI adds to the library's, for a fresh JVM that loads every class first. */
    public static Duration cliDeadline() {
        return PlaybookOptions.Profile.DIAGNOSTIC.deadline().plusSeconds(2);
    }
}
