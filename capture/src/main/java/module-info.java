/**
 * mediapath capture: a pure-Java pcap and pcapng reader and writer, and the flows inside a capture — link layers,
 * IPv4/IPv6 with fragment reassembly, UDP, and TCP stream reassembly — in bounded memory. JDK only.
 */
module io.mediapath.capture {
    exports io.mediapath.capture;
}
