package io.mediapath.benchmarks.responder;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.receipt.PathConclusion;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.responder.LegProof;
import io.mediapath.responder.ProofLeg;
import io.mediapath.responder.ReceiptProbe;
import io.mediapath.responder.Responder;
import io.mediapath.responder.ResponderOptions;
import io.mediapath.responder.ResponderStats;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Responder hardening, measured (not JMH: each phase is one burst). A responder in this JVM on 127.0.0.1 (the heap
 * this JVM gets is the stated bound; a fresh responder with a 3 s hello timeout for phases 2 and 3), then:
 * <ol>
 *   <li>{@code --connections} (10 000) concurrent TCP connections from 127.0.x.y sources (40 per source), held open
 *       without a byte (hello timeout 60 s, so all are held at once), while valid probes of every leg run from
 *       127.0.0.1;</li>
 *   <li>slowloris: {@code --slow} (1 000) connections trickling a TLS hello one byte a second: all closed at the
 *       hello timeout (3 s here), valid probes answered meanwhile;</li>
 *   <li>a UDP flood of 20-byte Binding requests from one loopback source for {@code --flood-seconds} (5) s: bytes out
 *       over bytes in for that source, and a valid UDP probe from another source meanwhile.</li>
 * </ol>
 * Prints the figures; exit 1 when a valid probe was not REACHED or the amplification exceeded 1.
 */
public final class ResponderHardeningBenchmark {

    private static final ReceiptToken TOKEN = ReceiptToken.fromText("benchmark token, shared out of band");

    private ResponderHardeningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = 10_000;
        int slow = 1_000;
        int floodSeconds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--slow" -> slow = Integer.parseInt(args[i + 1]);
                case "--flood-seconds" -> floodSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long[] lines = new long[1];
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        boolean ok = true;
        System.out.printf(Locale.ROOT, "heap max %d MiB (the responder, the slowloris and flood clients in this JVM; phase 1's clients in a child JVM)%n",
                Runtime.getRuntime().maxMemory() >> 20);
        // Phase 1 gets a hello timeout longer than it takes to open every connection, so all are held at once.
        try (Responder r = Responder.start(ResponderOptions.builder().token(TOKEN)
                .tcp(new InetSocketAddress(lo, 0)).udp(new InetSocketAddress(lo, 0))
                .maxConnections(20_000).helloTimeout(Duration.ofSeconds(60)).arrivalLog(l -> lines[0]++).build())) {
            InetSocketAddress tcp = r.tcpAddresses().get(0);
            InetSocketAddress udp = r.udpAddresses().get(0);

            // 1. many concurrent connections, opened by a child JVM (one process may not hold 20 000 descriptors)
            long t0 = System.nanoTime();
            Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"), Clients.class.getName(),
                    Integer.toString(tcp.getPort()), Integer.toString(connections))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            java.io.BufferedReader childOut = new java.io.BufferedReader(
                    new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String opened = childOut.readLine();
            double connectS = (System.nanoTime() - t0) / 1e9;
            long settle = System.nanoTime();
            while (r.stats().openConnections() < connections && System.nanoTime() - settle < 10_000_000_000L) {
                Thread.sleep(100);
            }
            ResponderStats s1 = r.stats();
            long heap1 = usedHeapAfterGc();
            boolean probes1 = probeAll(tcp, udp, lo);
            System.out.printf(Locale.ROOT, "connections: child JVM %s in %.1f s; responder holds %d open; "
                    + "heap used after GC %d MiB; valid probes during: %s%n", opened, connectS,
                    s1.openConnections(), heap1 >> 20, probes1 ? "all REACHED" : "NOT all reached");
            child.getOutputStream().close(); // the child closes its connections and exits
            child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            List<SocketChannel> held = new ArrayList<>();
            ok &= probes1 && s1.openConnections() == connections;
            for (SocketChannel c : held) {
                c.close();
            }
            held.clear();
            long closing = System.nanoTime();
            while (r.stats().openConnections() > 0 && System.nanoTime() - closing < 20_000_000_000L) {
                Thread.sleep(100);
            }
            System.out.printf(Locale.ROOT, "clients closed: responder holds %d open %.1f s later%n",
                    r.stats().openConnections(), (System.nanoTime() - closing) / 1e9);
        }
        try (Responder r = Responder.start(ResponderOptions.builder().token(TOKEN)
                .tcp(new InetSocketAddress(lo, 0)).udp(new InetSocketAddress(lo, 0))
                .maxConnections(20_000).helloTimeout(Duration.ofSeconds(3)).arrivalLog(l -> lines[0]++).build())) {
            InetSocketAddress tcp = r.tcpAddresses().get(0);
            InetSocketAddress udp = r.udpAddresses().get(0);

            // 2. slowloris
            List<SocketChannel> trickle = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                InetAddress src = InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 200), (byte) (2 + i % 200)});
                SocketChannel c = SocketChannel.open();
                c.bind(new InetSocketAddress(src, 0));
                c.connect(tcp);
                trickle.add(c);
            }
            byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
            long start = System.nanoTime();
            int stillOpenAt6s = -1;
            boolean probes2 = true;
            for (int sec = 0; sec < 7; sec++) {
                for (SocketChannel c : trickle) {
                    try {
                        c.write(ByteBuffer.wrap(hello, sec % hello.length, 1));
                    } catch (java.io.IOException closed) {
                        // closed by the responder: what we measure
                    }
                }
                if (sec == 1) {
                    probes2 = probeAll(tcp, udp, lo);
                }
                Thread.sleep(1000);
                if (sec == 5) {
                    stillOpenAt6s = r.stats().openConnections();
                }
            }
            System.out.printf(Locale.ROOT, "slowloris: %d connections trickling 1 byte/s; responder holds %d open "
                    + "after %.0f s (hello timeout 3 s); valid probes during: %s%n", slow, stillOpenAt6s,
                    6.0, probes2 ? "all REACHED" : "NOT all reached");
            ok &= probes2 && stillOpenAt6s == 0;
            for (SocketChannel c : trickle) {
                c.close();
            }

            // 3. UDP flood from one source
            ResponderStats before = r.stats();
            long sent = 0;
            long got = 0;
            boolean probe3;
            try (DatagramSocket f = new DatagramSocket(0, InetAddress.getByName("127.0.0.9"))) {
                f.connect(udp);
                f.setSoTimeout(1);
                byte[] binding = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
                DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
                long end = System.nanoTime() + floodSeconds * 1_000_000_000L;
                Thread prober = new Thread(() -> { });
                LegProof[] during = new LegProof[1];
                prober = new Thread(() -> during[0] = ReceiptProbe.of(ProofLeg.UDP, TOKEN, null)
                        .localAddress(lo).prove(new TransportAddress("127.0.0.1", udp.getPort()),
                                Deadline.after(Duration.ofSeconds(5))));
                prober.start();
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 64; k++) {
                        f.send(new DatagramPacket(binding, binding.length));
                        sent += binding.length;
                    }
                    try {
                        while (true) {
                            f.receive(in);
                            got += in.getLength();
                        }
                    } catch (java.net.SocketTimeoutException drained) {
                        // nothing more waiting
                    }
                }
                prober.join();
                probe3 = during[0] != null && during[0].conclusion() == PathConclusion.REACHED;
            }
            ResponderStats after = r.stats();
            double amp = sent == 0 ? 0 : (double) got / sent;
            System.out.printf(Locale.ROOT, "udp flood: %d datagrams (%.0f/s) from 127.0.0.9; answered %d B for %d B "
                    + "sent: amplification %.3f; responder refused %d (rate limit); valid probe from 127.0.0.1 "
                    + "during: %s; heap used after GC %d MiB; %d arrival lines%n", sent / 20,
                    sent / 20.0 / floodSeconds, got, sent, amp, after.refused() - before.refused(),
                    probe3 ? "REACHED" : "NOT reached", usedHeapAfterGc() >> 20, lines[0]);
            ok &= probe3 && amp <= 1.0;
        }
        System.out.println(ok ? "RESULT ok" : "RESULT FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** The child JVM of phase 1: opens N connections from 127.0.1.x sources, prints how many, waits for stdin to end. */
    public static final class Clients {
        private Clients() {
        }

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            int n = Integer.parseInt(args[1]);
            InetSocketAddress tcp = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            List<SocketChannel> held = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < n; i++) {
                InetAddress src = InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i / 40 / 250),
                    (byte) (2 + (i / 40) % 250)});
                try {
                    SocketChannel c = SocketChannel.open();
                    c.bind(new InetSocketAddress(src, 0));
                    c.connect(tcp);
                    held.add(c);
                } catch (java.io.IOException e) {
                    failed++;
                }
            }
            System.out.println("opened " + held.size() + " (" + failed + " failed)");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
            for (SocketChannel c : held) {
                c.close();
            }
        }
    }

    private static boolean probeAll(InetSocketAddress tcp, InetSocketAddress udp, InetAddress lo) {
        boolean all = true;
        for (ProofLeg leg : ProofLeg.values()) {
            LegProof p = ReceiptProbe.of(leg, TOKEN, "responder.bench").localAddress(lo)
                    .prove(new TransportAddress("127.0.0.1", leg.udp() ? udp.getPort() : tcp.getPort()),
                            Deadline.after(Duration.ofSeconds(5)));
            if (p.conclusion() != PathConclusion.REACHED) {
                System.out.println("  probe " + leg.label() + ": " + p.conclusion() + " " + p.verdict().detail()
                        + " / " + p.answer());
                all = false;
            }
        }
        return all;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
