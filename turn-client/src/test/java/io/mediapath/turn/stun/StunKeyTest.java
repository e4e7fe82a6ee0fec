package io.mediapath.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The precomputed-pad HMAC of {@link StunKey} must equal the JDK's {@link Mac} for every key and input length. */
class StunKeyTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 20, 32, 63, 64, 65, 100, 200})
    void precomputedPadsEqualTheJdkMac(int keyLength) throws Exception {
        Random r = new Random(keyLength);
        byte[] key = new byte[keyLength];
        r.nextBytes(key);
        StunKey k = StunKey.ofBytes(key);
        for (int end : new int[] {20, 24, 55, 56, 64, 76, 119, 120, 1000}) {
            byte[] raw = new byte[end + 8];
            r.nextBytes(raw);
            int lengthField = r.nextInt(0x10000);
            byte[] input = Arrays.copyOf(raw, end);
            input[2] = (byte) (lengthField >>> 8);
            input[3] = (byte) lengthField;
            assertThat(k.sha1(raw, end, lengthField)).as("SHA-1, key %d, end %d", keyLength, end)
                    .isEqualTo(jdk("HmacSHA1", key, input));
            assertThat(k.sha256(raw, end, lengthField)).as("SHA-256, key %d, end %d", keyLength, end)
                    .isEqualTo(jdk("HmacSHA256", key, input));
            // Repeated use on the same thread starts from the pads again, not from the previous message.
            assertThat(k.sha1(raw, end, lengthField)).isEqualTo(jdk("HmacSHA1", key, input));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 40})
    void otherThreadsGetTheirOwnDigests(int keyLength) throws Exception {
        byte[] key = new byte[keyLength];
        Arrays.fill(key, (byte) 7);
        StunKey k = StunKey.ofBytes(key);
        byte[] raw = new byte[76];
        Arrays.fill(raw, (byte) 3);
        byte[] expected = jdk("HmacSHA1", key, withLength(raw, 76, 80));
        byte[][] seen = new byte[4][];
        Thread[] threads = new Thread[seen.length];
        for (int t = 0; t < threads.length; t++) {
            int i = t;
            threads[t] = new Thread(() -> {
                for (int n = 0; n < 2000; n++) {
                    seen[i] = k.sha1(raw, 76, 80);
                    if (!Arrays.equals(seen[i], expected)) {
                        return;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        for (byte[] s : seen) {
            assertThat(s).isEqualTo(expected);
        }
    }

    private static byte[] withLength(byte[] raw, int end, int lengthField) {
        byte[] input = Arrays.copyOf(raw, end);
        input[2] = (byte) (lengthField >>> 8);
        input[3] = (byte) lengthField;
        return input;
    }

    private static byte[] jdk(String alg, byte[] key, byte[] input) throws Exception {
        Mac m = Mac.getInstance(alg);
        m.init(new SecretKeySpec(key, alg));
        return m.doFinal(input);
    }
}
