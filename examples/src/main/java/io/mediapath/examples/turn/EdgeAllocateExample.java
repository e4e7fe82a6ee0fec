package io.mediapath.examples.turn;

import io.mediapath.turn.StunTimers;
import io.mediapath.turn.TurnException;
import io.mediapath.turn.msturn.MsTurnAllocation;
import io.mediapath.turn.msturn.MsTurnClient;
import io.mediapath.turn.msturn.MsTurnOptions;
import io.mediapath.turn.msturn.MsTurnTransport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The seeds' question asked of a Lync/Skype for Business Edge: does the media relay on TCP 443 answer its
 * pseudo-TLS hello and the MS-TURN Allocate behind it, or does something in between answer instead? With the MRAS
 * credentials the client would use, it allocates; without them, the Edge's 401 challenge alone proves the path.
 *
 * <pre>
 * java ... EdgeAllocateExample edge.example.com 443 [username password]
 * </pre>
 *
 * Exit status 0 when the Edge answered (allocated, or challenged without credentials), 1 when it did not (an
 * interceptor answered the pseudo-TLS hello, the credentials were refused, nothing answered), 2 on bad usage.
 */
public final class EdgeAllocateExample {
    private EdgeAllocateExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** The example's body, returning the exit status (tests call this). */
    public static int run(String... args) throws InterruptedException {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: EdgeAllocateExample HOST PORT [USERNAME PASSWORD]");
            return 2;
        }
        // The diagnostics profile: every wait (connect, pseudo-TLS answer, each Allocate) gives up after 2.75 s.
        MsTurnOptions.Builder options = MsTurnOptions.builder().timers(StunTimers.FAST);
        if (args.length == 4) {
            options.credentials(args[2], args[3]);
        }
        try (MsTurnClient edge = MsTurnClient.create(options.build())) {
            MsTurnAllocation a = edge.allocate(args[0], Integer.parseInt(args[1]), MsTurnTransport.TCP)
                    .get(20, TimeUnit.SECONDS);
            System.out.println("pseudo-TLS:  the genuine Edge answer");
            System.out.println("challenge:   realm \"" + a.realm() + "\", Edge MS-VERSION " + a.serverMsVersion());
            if (a.allocated()) {
                System.out.println("relayed:     " + a.relayed().orElseThrow() + " (" + a.regime() + " integrity)");
            }
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TurnException t) {
                System.out.println("failed:      " + t.kind() + " - " + t.getMessage());
                if (t.kind() == TurnException.Kind.PSEUDO_TLS_INTERCEPTED) {
                    System.out.println("remedy:      bypass TLS inspection for the Edge by IP (the hello has no SNI)");
                }
                return 1;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("failed:      no answer within 20 s");
            return 1;
        }
    }
}
