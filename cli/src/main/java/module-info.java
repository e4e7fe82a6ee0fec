/**
 * The {@code mediapath} command line: picocli commands over the diagnose playbooks and reports. An application,
 * not a library: it exports nothing a product should import.
 */
module io.mediapath.cli {
    requires io.mediapath.diagnose;
    requires io.mediapath.ice;
    requires io.mediapath.sdp;
    requires io.mediapath.turn;
    requires io.mediapath.tls;
    requires io.mediapath.responder;
    requires io.mediapath.lab;
    requires io.mediapath.capture;
    requires io.mediapath.exporter;
    requires tools.jackson.databind;
    requires info.picocli;
    requires org.slf4j;

    opens io.mediapath.cli to info.picocli;
}
