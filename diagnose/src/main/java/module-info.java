/**
 * mediapath diagnose: playbooks that compose the SDK's parsers and probes into verdicts and remedies, reports
 * (text, JSON, HTML), and the {@code mediapath} command line.
 */
module io.mediapath.diagnose {
    requires transitive io.mediapath.ice;
    requires io.mediapath.turn;
    requires io.mediapath.tls;
    requires tools.jackson.databind;
    requires info.picocli;
    requires org.slf4j;

    exports io.mediapath.diagnose;
    exports io.mediapath.diagnose.report;
    exports io.mediapath.diagnose.cli;

    opens io.mediapath.diagnose.cli to info.picocli;
}
