package io.mediapath.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Any request bytes: the emulated Edge's MS-TURN service answers nothing or a well-formed MS-TURN response (header
 * length consistent, the request's transaction id, MAGIC-COOKIE first), and never throws.
 */
class EdgeTurnServiceFuzzTest {
    private static final EdgeTurnService SERVICE =
            new EdgeTurnService("user", "pass", "realm", 3, new SecureRandom());
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

    @FuzzTest
    void answer(byte @NotNull [] request) {
        byte[] r = SERVICE.answer(request, CLIENT);
        if (r == null) {
            return;
        }
        assertThat(((r[2] & 0xff) << 8) | (r[3] & 0xff)).isEqualTo(r.length - 20);
        assertThat(Arrays.copyOfRange(r, 4, 20)).isEqualTo(Arrays.copyOfRange(request, 4, 20));
        assertThat(Arrays.copyOfRange(r, 20, 28))
                .isEqualTo(new byte[] {0, 0x0f, 0, 4, 0x72, (byte) 0xc6, 0x4b, (byte) 0xc6});
    }
}
