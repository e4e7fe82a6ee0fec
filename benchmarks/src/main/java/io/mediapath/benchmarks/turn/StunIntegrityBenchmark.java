package io.mediapath.benchmarks.turn;

import io.mediapath.turn.stun.IntegrityStatus;
import io.mediapath.turn.stun.StunKey;
import io.mediapath.turn.stun.StunMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.message.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 5769 §2.1 request (108 bytes, short-term key): decode + FINGERPRINT + MESSAGE-INTEGRITY check, mediapath vs
 * ice4j 3.2 in the same run; and the integrity check alone vs a bare, pre-initialised JDK {@link Mac} over the same
 * bytes. The vector is inlined (it is RFC text) so the benchmark jar runs anywhere.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StunIntegrityBenchmark {
    static final byte[] REQUEST = HexFormat.of().parseHex("000100582112a442b7e7a701bc34d686fa87dfae80220010"
            + "5354554e207465737420636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659"
            + "202020000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");
    static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    static final int MI_OFFSET = 20 + 20 + 8 + 12 + 16; // header, SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME

    StunKey key;
    StunMessage decoded;
    byte[] keyBytes;
    byte[] macInput;
    byte[] expectedMac;
    Mac jdk;
    Mac jdkIce4j;
    MessageDigest sha1Running;
    byte[] threeBlocks;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        key = StunKey.shortTerm(PASSWORD);
        decoded = StunMessage.decode(REQUEST);
        keyBytes = PASSWORD.getBytes(StandardCharsets.UTF_8);
        macInput = Arrays.copyOf(REQUEST, MI_OFFSET);
        int len = MI_OFFSET + 24 - 20;
        macInput[2] = (byte) (len >>> 8);
        macInput[3] = (byte) len;
        expectedMac = Arrays.copyOfRange(REQUEST, MI_OFFSET + 4, MI_OFFSET + 24);
        jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(keyBytes, "HmacSHA1"));
        jdkIce4j = Mac.getInstance("HmacSHA1");
        jdkIce4j.init(new SecretKeySpec(keyBytes, "HmacSHA1"));
        sha1Running = MessageDigest.getInstance("SHA-1");
        threeBlocks = Arrays.copyOf(REQUEST, 3 * 64);
        if (decodeVerifyMediapath() != IntegrityStatus.VALID || !decodeVerifyIce4j() || !bareJdkMac()
                || !integrityOnlyMediapath() || !decodeVerifyIce4jCachedMac()) {
            throw new IllegalStateException("a benchmark does not verify the vector");
        }
        // Both decoders must reject a bad FINGERPRINT, or the ice4j side would be doing less work.
        byte[] badFingerprint = REQUEST.clone();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        if (!rejects(() -> StunMessage.decode(badFingerprint)) || !rejects(() -> Message.decode(badFingerprint, 0,
                badFingerprint.length))) {
            throw new IllegalStateException("a decoder accepts a wrong FINGERPRINT");
        }
    }

    private interface Decode {
        Object run() throws Exception;
    }

    private static boolean rejects(Decode d) {
        try {
            d.run();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** mediapath: decode (structure + FINGERPRINT) and check MESSAGE-INTEGRITY. */
    @Benchmark
    public IntegrityStatus decodeVerifyMediapath() {
        return StunMessage.decode(REQUEST).checkIntegrity(key);
    }

    /**
     * What ice4j's stack feeds the HMAC: the message up to MESSAGE-INTEGRITY with the header length patched to end
     * at it (RFC 5389 §15.4), copied the way {@code StunStack} copies it.
     */
    private static byte[] signedPart() {
        byte[] copy = Arrays.copyOf(REQUEST, MI_OFFSET);
        int len = MI_OFFSET + 24 - 20;
        copy[2] = (byte) (len >>> 8);
        copy[3] = (byte) len;
        return copy;
    }

    /**
     * ice4j 3.2: {@code Message.decode} (parses every attribute and checks FINGERPRINT, throwing on a mismatch) and
     * the HMAC the way its stack validates it ({@code StunStack.validateMessageIntegrity} calls
     * {@code calculateHmacSha1}, which gets and initialises a new {@code Mac} per call), constant-time compare.
     */
    @Benchmark
    public boolean decodeVerifyIce4j() throws Exception {
        Message m = Message.decode(REQUEST, 0, REQUEST.length);
        MessageIntegrityAttribute mi = (MessageIntegrityAttribute) m.getAttribute(Attribute.MESSAGE_INTEGRITY);
        byte[] copy = signedPart();
        byte[] mac = MessageIntegrityAttribute.calculateHmacSha1(copy, 0, copy.length, keyBytes);
        return MessageDigest.isEqual(mac, mi.getHmacSha1Content());
    }

    /**
     * ice4j 3.2 decode as above, but the HMAC with a pre-initialised JDK {@link Mac} (a cache ice4j does not have):
     * the strictest reading of "the same work", so the ratio against it is a lower bound.
     */
    @Benchmark
    public boolean decodeVerifyIce4jCachedMac() throws Exception {
        Message m = Message.decode(REQUEST, 0, REQUEST.length);
        MessageIntegrityAttribute mi = (MessageIntegrityAttribute) m.getAttribute(Attribute.MESSAGE_INTEGRITY);
        return MessageDigest.isEqual(jdkIce4j.doFinal(signedPart()), mi.getHmacSha1Content());
    }

    /** mediapath: decode alone (structure, attribute index, FINGERPRINT). */
    @Benchmark
    public StunMessage decodeOnlyMediapath() {
        return StunMessage.decode(REQUEST);
    }

    /** ice4j 3.2: decode alone (every attribute parsed, FINGERPRINT checked). */
    @Benchmark
    public Message decodeOnlyIce4j() throws Exception {
        return Message.decode(REQUEST, 0, REQUEST.length);
    }

    /** mediapath: the integrity check alone on a decoded message. */
    @Benchmark
    public boolean integrityOnlyMediapath() {
        return decoded.verifySha1(key);
    }

    /**
     * Floor, not a competitor: three SHA-1 compressions through the JDK (the intrinsic's multi-block path, state
     * never finished or reset). An HMAC-SHA1 over this request needs three with the pads precomputed (two inner
     * blocks for 76 bytes plus padding, one outer), so no JDK-based check can cost less than this.
     */
    @Benchmark
    public MessageDigest floorThreeSha1Compressions() {
        sha1Running.update(threeBlocks, 0, threeBlocks.length);
        return sha1Running;
    }

    /** Floor, not a competitor: the CRC-32 FINGERPRINT covers (the request's first 104 bytes), JDK {@code CRC32}. */
    @Benchmark
    public long floorCrc32() {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(REQUEST, 0, REQUEST.length - 8);
        return c.getValue();
    }

    /** Baseline: a pre-initialised JDK HMAC-SHA1 over the prepared bytes and a constant-time compare. */
    @Benchmark
    public boolean bareJdkMac() {
        return MessageDigest.isEqual(jdk.doFinal(macInput), expectedMac);
    }
}
