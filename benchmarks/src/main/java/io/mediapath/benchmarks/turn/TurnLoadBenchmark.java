package io.mediapath.benchmarks.turn;

import io.mediapath.lab.coturn.Coturn;
import io.mediapath.lab.coturn.EchoPeer;
import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relayed-echo load against one real coturn on 127.0.0.1: coturn's own load client {@code turnutils_uclient} and
 * mediapath's {@link TurnClient} in the same run, same server, same echo peer ({@code turnutils_peer}), same
 * number of sessions × messages of the same length, both over UDP with ChannelData (uclient's default without
 * {@code -s}; {@code -c} so that uclient opens one allocation per session, not an RTP+RTCP pair).
 *
 * <p>Not JMH: one burst is the measurement. Wall time is the whole job for both tools (allocations, channel binds,
 * traffic, last echo, deallocation); msg/s is echoed messages per wall second. uclient paces itself with its
 * timer ({@code -z 0} is its fastest setting); mediapath runs a closed loop with at most {@code --window} messages
 * in flight per session, and a message not echoed within {@code --loss-timeout-ms} is counted lost (a late echo
 * still counts as received), so loss is measured the same way: sent minus distinct echoes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.turn.TurnLoadBenchmark \
 *     [--sessions 100] [--messages 1000] [--length 100] [--window 16] [--skip-uclient]
 * </pre>
 */
public final class TurnLoadBenchmark {
    /** Every run (each tool) ends within this many seconds. */
    private static final long DEADLINE_SECONDS = Long.getLong("turnload.deadline", 110);

    /** One row of the result table. */
    record Row(String tool, int sessions, int messages, long sent, long received, double wallSeconds, String note) {
        double lossPercent() {
            return sent == 0 ? 100 : 100.0 * (sent - received) / sent;
        }

        double rate() {
            return wallSeconds <= 0 ? 0 : received / wallSeconds;
        }
    }

    private TurnLoadBenchmark() {
    }

    /** Runs both tools and prints the table; exit code 1 when a tool failed outright. */
    public static void main(String[] args) throws Exception {
        int sessions = 100;
        int messages = 1000;
        int length = 100;
        int window = 16;
        long lossTimeoutMs = 250;
        boolean uclient = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--length" -> length = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--loss-timeout-ms" -> lossTimeoutMs = Long.parseLong(args[++i]);
                case "--skip-uclient" -> uclient = false;
                default -> {
                    System.err.println("usage: TurnLoadBenchmark [--sessions M] [--messages N] [--length L] "
                            + "[--window W] [--loss-timeout-ms T] [--skip-uclient]");
                    System.exit(2);
                }
            }
        }
        if (length < 8 || length > 1400 || sessions < 1 || messages < 1 || window < 1) {
            System.err.println("bad arguments: length 8..1400, sessions/messages/window >= 1");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        try (Coturn turn = Coturn.builder().user("bench", "bench-pass").start(); EchoPeer peer = EchoPeer.start()) {
            System.out.printf(Locale.ROOT, "coturn pid %d on %s:%d, turnutils_peer on %s; %d sessions x %d messages x"
                    + " %d bytes%n", turn.pid(), turn.host(), turn.port(), peer.address(), sessions, messages, length);
            // mediapath first: it deletes its allocations, whereas uclient leaves its own to expire, and a client
            // port the kernel hands out again would then meet a stale allocation on the same 5-tuple (437).
            Row mediapath = runMediapath(turn, peer, sessions, messages, length, window, lossTimeoutMs);
            if (uclient) {
                rows.add(runUclient(turn, peer, sessions, messages, length));
            }
            rows.add(mediapath);
        }
        print(rows);
        System.exit(rows.stream().anyMatch(r -> r.received() == 0) ? 1 : 0);
    }

    static void print(List<Row> rows) {
        Row base = rows.get(0);
        System.out.println();
        System.out.println("| tool | sessions | messages | sent | received | loss % | wall s | msg/s | ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f | %.2f | %.0f | %.2f× |%n", r.tool(),
                    r.sessions(), r.messages(), r.sent(), r.received(), r.lossPercent(), r.wallSeconds(), r.rate(),
                    base.rate() == 0 ? 0 : r.rate() / base.rate());
        }
        for (Row r : rows) {
            if (!r.note().isEmpty()) {
                System.out.println(r.tool() + ": " + r.note());
            }
        }
    }

    // ---------------------------------------------------------------- turnutils_uclient

    private static final Pattern TOTALS = Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+) \\(([0-9.]+)%\\)");
    private static final Pattern TRANSMIT = Pattern.compile("Total transmit time is (\\d+)");

    static Row runUclient(Coturn turn, EchoPeer peer, int sessions, int messages, int length)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("mediapath-uclient-", ".log");
        try {
            List<String> cmd = List.of(binary("turnutils_uclient"), "-u", turn.username(), "-w", turn.password(),
                    "-e", peer.address().getAddress().getHostAddress(), "-r", String.valueOf(peer.port()),
                    "-p", String.valueOf(turn.port()), "-m", String.valueOf(sessions), "-n", String.valueOf(messages),
                    "-l", String.valueOf(length), "-c", "-z", "0", turn.host());
            System.out.println("== " + String.join(" ", cmd));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String log = Files.readString(out, StandardCharsets.UTF_8);
            Matcher m = TOTALS.matcher(log);
            long sent = 0;
            long received = 0;
            while (m.find()) { // the last summary line is the final one
                sent = Long.parseLong(m.group(1));
                received = Long.parseLong(m.group(2));
            }
            Matcher lost = LOST.matcher(log);
            Matcher tx = TRANSMIT.matcher(log);
            String note = (done ? "exit " + p.exitValue() : "killed after " + DEADLINE_SECONDS + " s")
                    + (lost.find() ? ", own loss count " + lost.group(1) + " (" + lost.group(2) + "%)" : "")
                    + (tx.find() ? ", own transmit time " + tx.group(1) + " s (whole seconds)" : "");
            if (sent == 0) {
                note += "; no summary in its output:\n" + tail(log, 1500);
            }
            return new Row("turnutils_uclient", sessions, messages, sent, received, wall, note);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static String binary(String name) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " not found; install it: " + Coturn.INSTALL);
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    // ---------------------------------------------------------------- mediapath

    /** One session's closed loop; every field is guarded by the session's monitor. */
    static final class Session {
        final int id;
        final int messages;
        final int window;
        final byte[] payload;
        final BitSet echoed;
        final CountDownLatch done;
        TurnAllocation allocation;
        int channel; // 0 until the ChannelBind succeeded: nothing is sent before
        int sent;
        int received;
        int outstanding;
        long lastActivity;
        boolean finished;
        Throwable failure;

        Session(int id, int messages, int length, int window, CountDownLatch done) {
            this.id = id;
            this.messages = messages;
            this.window = window;
            this.payload = new byte[length];
            java.util.Arrays.fill(payload, (byte) 'm');
            this.echoed = new BitSet(messages);
            this.done = done;
        }

        synchronized void fill() {
            while (channel != 0 && !finished && outstanding < window && sent < messages) {
                int seq = sent++;
                putInt(payload, 0, id);
                putInt(payload, 4, seq);
                outstanding++;
                // sendChannelData copies the payload into the datagram before returning, so one array is reused.
                allocation.sendChannelData(channel, payload).exceptionally(e -> {
                    fail(e);
                    return null;
                });
            }
            lastActivity = System.nanoTime();
        }

        synchronized void onEcho(byte[] data) {
            if (data.length < 8 || getInt(data, 0) != id) {
                return;
            }
            int seq = getInt(data, 4);
            if (seq < 0 || seq >= messages || echoed.get(seq)) {
                return;
            }
            echoed.set(seq);
            received++;
            if (outstanding > 0) {
                outstanding--;
            }
            lastActivity = System.nanoTime();
            if (received == messages) {
                finish();
            } else {
                fill();
            }
        }

        /** Called by the ticker: a quiet window means the in-flight messages are lost (late echoes still count). */
        synchronized void tick(long now, long lossTimeoutNanos) {
            if (channel == 0 || finished || now - lastActivity < lossTimeoutNanos) {
                return;
            }
            if (sent < messages) {
                outstanding = 0;
                fill();
            } else {
                finish();
            }
        }

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            finish();
        }

        private void finish() {
            if (!finished) {
                finished = true;
                done.countDown();
            }
        }
    }

    static Row runMediapath(Coturn turn, EchoPeer peer, int sessions, int messages, int length, int window,
            long lossTimeoutMs) throws InterruptedException {
        System.out.println("== mediapath TurnClient: " + sessions + " UDP allocations, ChannelData, window " + window);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        TurnClient client = TurnClient.create(TurnClientOptions.defaults(), group);
        InetSocketAddress peerAddr = peer.address();
        CountDownLatch done = new CountDownLatch(sessions);
        List<Session> all = new ArrayList<>(sessions);
        String note = "";
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>(sessions);
            TurnCredentials cred = new TurnCredentials(turn.username(), turn.password());
            for (int i = 0; i < sessions; i++) {
                Session s = new Session(i, messages, length, window, done);
                all.add(s);
                ready.add(client.connect(turn.host(), turn.port(), StunTransport.UDP)
                        .thenCompose(c -> c.allocate(cred, AllocateOptions.defaults()))
                        .thenCompose(a -> {
                            synchronized (s) {
                                s.allocation = a;
                            }
                            a.onData((from, data, ch) -> s.onEcho(data));
                            return a.bindChannel(peerAddr);
                        })
                        .thenAccept(ch -> {
                            synchronized (s) {
                                s.channel = ch;
                            }
                        })
                        .exceptionally(e -> {
                            s.fail(e);
                            return null;
                        }));
            }
            // Sessions start as they become ready, like uclient's clients do.
            for (int i = 0; i < sessions; i++) {
                Session s = all.get(i);
                ready.get(i).thenRun(s::fill); // a no-op for a failed session (no channel, finished)
            }
            long lossNanos = TimeUnit.MILLISECONDS.toNanos(lossTimeoutMs);
            var ticker = group.next().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (Session s : all) {
                    try {
                        s.tick(now, lossNanos);
                    } catch (RuntimeException e) {
                        s.fail(e); // a throwing task would silently cancel the ticker
                    }
                }
            }, 20, 20, TimeUnit.MILLISECONDS);
            if (!done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                note = "deadline of " + DEADLINE_SECONDS + " s reached; ";
                for (Session s : all) {
                    synchronized (s) {
                        if (!s.finished) {
                            note += String.format(Locale.ROOT, "session %d stuck: sent %d, received %d, in flight %d,"
                                    + " ready %b; ", s.id, s.sent, s.received, s.outstanding, s.allocation != null);
                        }
                    }
                }
            }
            ticker.cancel(false);
            List<CompletableFuture<Long>> deletes = new ArrayList<>();
            for (Session s : all) {
                TurnAllocation a;
                synchronized (s) {
                    a = s.allocation;
                }
                if (a != null) {
                    deletes.add(a.refresh(0).exceptionally(e -> -1L));
                }
            }
            try {
                CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                note += "deallocation incomplete: " + e + "; ";
            }
        } finally {
            for (Session s : all) {
                synchronized (s) {
                    if (s.allocation != null) {
                        s.allocation.connection().close();
                    }
                }
            }
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long sent = 0;
        long received = 0;
        int failed = 0;
        String firstFailure = null;
        for (Session s : all) {
            synchronized (s) {
                sent += s.sent;
                received += s.received;
                if (s.failure != null) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = String.valueOf(s.failure);
                    }
                }
            }
        }
        if (failed > 0) {
            note += failed + " sessions failed, first: " + firstFailure;
        }
        return new Row("mediapath", sessions, messages, sent, received, wall, note);
    }

    static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static int getInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
