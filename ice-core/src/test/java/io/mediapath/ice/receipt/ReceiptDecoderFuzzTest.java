package io.mediapath.ice.receipt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Arbitrary bytes through the receipt decoder and verifier, the request check and the frame reader: only the typed
 * refusals may come out, never another exception, and a decode that succeeds must re-encode to the same bytes (so
 * nothing unauthenticated was read). Also arbitrary field values through encode → decode.
 */
class ReceiptDecoderFuzzTest {

    private static final ReceiptToken TOKEN = ReceiptToken.fromText("fuzzing token, sixteen bytes or more");

    @FuzzTest(maxDuration = "30s")
    void fuzzDecodeAndVerify(FuzzedDataProvider data) {
        boolean signIt = data.consumeBoolean();
        byte[] wire = data.consumeRemainingAsBytes();
        if (signIt && wire.length >= ReceiptCodec.MAC_LENGTH) {
            // give the decoder authentic-but-arbitrary bodies too, or it never gets past the MAC
            byte[] mac = TOKEN.macReceipt(wire, 0, wire.length - ReceiptCodec.MAC_LENGTH);
            System.arraycopy(mac, 0, wire, wire.length - ReceiptCodec.MAC_LENGTH, ReceiptCodec.MAC_LENGTH);
        }
        try {
            Receipt r = ReceiptCodec.decode(wire, TOKEN);
            if (!Arrays.equals(ReceiptCodec.encode(r, TOKEN), wire)) {
                // the only non-canonical inputs allowed are names cut at 255 or joined ALPN: re-decode must agree
                if (!ReceiptCodec.decode(ReceiptCodec.encode(r, TOKEN), TOKEN).equals(r)) {
                    throw new IllegalStateException("decode/encode disagree");
                }
            }
        } catch (ReceiptFormatException | ReceiptForgedException expected) {
            // typed refusal
        }
        ReceiptRequest req = ReceiptRequest.create(TOKEN, Instant.EPOCH);
        ReceiptVerifier.of(TOKEN).check(wire, req, Instant.EPOCH);
        ReceiptRequest.accept(wire, TOKEN, Instant.EPOCH, ReceiptVerifier.DEFAULT_WINDOW);
        ReceiptRequest.accept(wire, TOKEN, Instant.EPOCH, ReceiptVerifier.DEFAULT_WINDOW,
                ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
        for (byte[] magic : new byte[][] {ReceiptFrames.RECEIPT_MAGIC, ReceiptFrames.INSTEAD_MAGIC}) {
            try {
                ReceiptFrames.frameLength(wire, 0, wire.length, magic);
            } catch (ReceiptFormatException expected) {
                // typed refusal
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzRoundTrip(FuzzedDataProvider data) throws UnknownHostException {
        byte[] ip = data.consumeBytes(data.consumeBoolean() ? 4 : 16);
        if (ip.length != 4 && ip.length != 16) {
            return;
        }
        InetSocketAddress src = new InetSocketAddress(InetAddress.getByAddress(ip), data.consumeInt(0, 65535));
        String sni = data.consumeString(300);
        List<String> alpn = List.of(data.consumeString(20), data.consumeString(20));
        byte[] hello = data.consumeRemainingAsBytes();
        Receipt r = new Receipt(ReceiptTransport.UDP, ArrivalKind.STUN_BINDING,
                ReceiptRequest.create(TOKEN, Instant.EPOCH).nonce(), Instant.EPOCH, src, hello.length,
                PathJudge.sha256(hello), Arrays.copyOf(hello, Math.min(hello.length, Receipt.MAX_SAMPLE)),
                sni.isEmpty() ? Optional.empty() : Optional.of(sni), alpn);
        Receipt back = ReceiptCodec.decode(ReceiptCodec.encode(r, TOKEN), TOKEN);
        if (back.byteCount() != r.byteCount() || !back.source().equals(src) || !Arrays.equals(back.sha256(), r.sha256())) {
            throw new IllegalStateException("round trip lost a field");
        }
    }
}
