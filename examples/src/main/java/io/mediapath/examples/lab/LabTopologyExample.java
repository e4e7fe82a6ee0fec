package io.mediapath.examples.lab;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.SeedTopology;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Uses the lab the way a product's test would: start the seeds' scenarios in one call, point a client at
 * {@link SeedTopology#clientTarget()}, and look at what answers the MS-TURN pseudo-TLS hello. A clean path answers
 * one 83-byte record; the application-layer firewall answers its own flight, one record per packet.
 */
public final class LabTopologyExample {

    /** The 50-byte [MS-TURN] 2.1.1 pseudo-TLS ClientHello (libnice's constant random). */
    static final byte[] PSEUDO_TLS_HELLO = HexFormat.of().parseHex("160301002d0100002903"
            + "01c1fcd5a36d93dd7e0b45673fec7985fbbc3fd660c2ce8485081b8121bcaa10fb"
            + "00000200180100");

    private LabTopologyExample() {
    }

    /** What one connection saw: the sizes of the reads that carried the answer. */
    public record Observation(String scenario, TransportAddress target, List<Integer> readSizes) {
        /** Total bytes received. */
        public int total() {
            return readSizes.stream().mapToInt(Integer::intValue).sum();
        }

        /** The genuine answer is exactly one 83-byte record in one read. */
        public boolean looksGenuine() {
            return readSizes.equals(List.of(83));
        }
    }

    /** Runs both scenarios and returns what the client saw in each. */
    public static List<Observation> run() throws IOException {
        List<Observation> out = new ArrayList<>();
        try (SeedTopology clean = SeedTopology.cleanPath()) {
            out.add(observe(clean));
        }
        try (SeedTopology firewall = SeedTopology.applicationLayerFirewall()) {
            out.add(observe(firewall));
        }
        return out;
    }

    static Observation observe(SeedTopology lab) throws IOException {
        TransportAddress target = lab.clientTarget();
        List<Integer> reads = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
            s.setSoTimeout(1_000); // every network wait has a deadline
            s.getOutputStream().write(PSEUDO_TLS_HELLO);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16_384];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    break; // the answer is complete when the server goes quiet
                }
                if (n < 0) {
                    break;
                }
                reads.add(n);
            }
        }
        return new Observation(lab.name(), target, List.copyOf(reads));
    }

    /** Prints one line per scenario. */
    public static void main(String[] args) throws IOException {
        for (Observation o : run()) {
            System.out.printf("%-22s %-22s reads=%s -> %s%n", o.scenario(), o.target(), o.readSizes(),
                    o.looksGenuine() ? "genuine pseudo-TLS answer" : "something else answered");
        }
    }
}
