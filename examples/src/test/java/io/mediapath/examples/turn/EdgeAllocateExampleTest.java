package io.mediapath.examples.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.proxy.InterceptingProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the example against the lab's emulated Edge, and against an interceptor standing in front of 443. */
class EdgeAllocateExampleTest {

    @Test
    void allocatesThroughTheEdgeAndNamesAnInterceptor() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().msTurn("alice", "s3cret").start();
                InterceptingProxy proxy = InterceptingProxy.start(InterceptingProxy.Mode.FORGE)) {
            String port = String.valueOf(edge.address().port());
            Run ok = run("127.0.0.1", port, "alice", "s3cret");
            assertThat(ok.exit).as(ok.out).isZero();
            assertThat(ok.out).contains("pseudo-TLS:  the genuine Edge answer", "relayed:     /127.0.0.1:");

            Run challenged = run("127.0.0.1", port);
            assertThat(challenged.exit).as(challenged.out).isZero();
            assertThat(challenged.out).contains("challenge:   realm").doesNotContain("relayed:");

            Run wrong = run("127.0.0.1", port, "alice", "wrong");
            assertThat(wrong.exit).isEqualTo(1);
            assertThat(wrong.out).contains("AUTH_FAILED");

            Run intercepted = run("127.0.0.1", String.valueOf(proxy.address().port()), "alice", "s3cret");
            assertThat(intercepted.exit).isEqualTo(1);
            assertThat(intercepted.out).contains("PSEUDO_TLS_INTERCEPTED", "by IP");
        }
        assertThat(EdgeAllocateExample.run("only-one-arg")).isEqualTo(2);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = EdgeAllocateExample.run(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
