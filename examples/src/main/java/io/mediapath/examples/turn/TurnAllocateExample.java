package io.mediapath.examples.turn;

import io.mediapath.turn.AllocateOptions;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunUri;
import io.mediapath.turn.TurnAllocation;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnCredentials;
import io.mediapath.turn.TurnException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * TURN without ICE, the way a product uses mediapath's turn-client: connect, allocate a relay with long-term
 * credentials, allow a peer, bind a channel, send and receive through the relay, and deallocate.
 *
 * <pre>
 * java ... TurnAllocateExample turn:turn.example.org:3478?transport=tcp alice s3cret [peerHost:peerPort]
 * </pre>
 *
 * Exit status 0 on success, 1 when the server refused or failed (the STUN error code is printed), 2 on bad usage.
 */
public final class TurnAllocateExample {
    private TurnAllocateExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** The example's body, returning the exit status (tests call this). */
    public static int run(String... args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TurnAllocateExample URI USERNAME PASSWORD [PEER_HOST:PORT]");
            return 2;
        }
        StunUri uri = StunUri.parse(args[0]);
        TurnCredentials credentials = new TurnCredentials(args[1], args[2]);
        TurnClientOptions options = TurnClientOptions.builder().timers(StunTimers.FAST).build();

        try (TurnClient client = TurnClient.create(options)) {
            StunConnection connection = client.connect(uri).get(15, TimeUnit.SECONDS);
            TurnAllocation allocation = connection.allocate(credentials, AllocateOptions.defaults())
                    .get(15, TimeUnit.SECONDS);
            try (allocation) {
                System.out.println("relayed address: " + allocation.relayedAddress());
                System.out.println("mapped address:  " + allocation.mappedAddress().orElse(null));
                System.out.println("lifetime:        " + allocation.lifetimeSeconds() + " s (refreshed automatically)");
                System.out.println("long-term key:   " + allocation.passwordAlgorithm());
                if (args.length > 3) {
                    String[] hp = args[3].split(":");
                    InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(hp[0]), Integer.parseInt(hp[1]));
                    BlockingQueue<String> received = new ArrayBlockingQueue<>(16);
                    allocation.onData((from, data, channel) ->
                            received.offer(from + " said " + new String(data, StandardCharsets.UTF_8)));
                    int channel = allocation.bindChannel(peer).get(10, TimeUnit.SECONDS);
                    System.out.printf("channel:         0x%04x -> %s%n", channel, peer);
                    allocation.send(peer, "hello through the relay".getBytes(StandardCharsets.UTF_8))
                            .get(5, TimeUnit.SECONDS);
                    String echo = received.poll(5, TimeUnit.SECONDS);
                    System.out.println("received:        " + (echo == null ? "(nothing within 5 s)" : echo));
                    if (echo == null) {
                        return 1;
                    }
                }
            } // close(): Refresh with LIFETIME 0 deletes the allocation on the server
            System.out.println("deallocated");
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TurnException te) {
                System.out.println("failed: " + te.kind() + te.errorCode().map(c -> " (STUN " + c + ")").orElse("")
                        + ": " + te.getMessage());
                return 1;
            }
            throw e;
        }
    }
}
