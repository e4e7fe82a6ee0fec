/**
 * mediapath diagnose: playbooks that compose the SDK's parsers and probes into verdicts and remedies, and the
 * reports (text, JSON, HTML). Importable by products without the command line's dependencies (picocli, a logging
 * binding); the {@code mediapath} command line is the {@code cli} module.
 */
module io.mediapath.diagnose {
    requires transitive io.mediapath.ice;
    requires transitive io.mediapath.turn; // HtmlReport.turn renders turn-client's TurnProbeReport
    requires transitive io.mediapath.tls;
    requires transitive io.mediapath.responder;
    requires transitive io.mediapath.capture;
    requires java.xml;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports io.mediapath.diagnose;
    exports io.mediapath.diagnose.report;
    exports io.mediapath.diagnose.playbook;
    exports io.mediapath.diagnose.capture;
}
