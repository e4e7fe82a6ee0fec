package io.mediapath.lab.edge;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Edge's MS-TURN Allocate logic, written from [MS-TURN] and the guide (§1.4–1.6) independently of
 * turn-client's codec, so that the two implementations meet in tests: a 16-byte transaction id, MAGIC-COOKIE first,
 * REALM 0x0015 / NONCE 0x0014, XOR-MAPPED-ADDRESS 0x8020 XORed with the transaction id, and MESSAGE-INTEGRITY
 * HMAC-SHA1 with MD5(user:realm:pass) below MS-VERSION 3 or HMAC-SHA256 with the nonce-derived key from 3 on, the
 * hashed bytes zero-padded to a multiple of 64. Only Allocate is served; it does not relay media. Thread-safe.
 */
final class EdgeTurnService {
    private static final int COOKIE = 0x72C64BC6;

    private final String username;
    private final String password;
    private final String realm;
    private final String nonce;
    private final int serverVersion;
    private final boolean corruptResponseIntegrity;
    private final AtomicInteger nextRelayPort = new AtomicInteger(50000);
    final AtomicLong allocates = new AtomicLong();
    final AtomicLong usernamesSeen = new AtomicLong();
    final AtomicLong allocated = new AtomicLong();
    final AtomicLong badIntegrity = new AtomicLong();

    EdgeTurnService(String username, String password, String realm, int serverVersion, SecureRandom random) {
        this(username, password, realm, serverVersion, false, random);
    }

    EdgeTurnService(String username, String password, String realm, int serverVersion,
            boolean corruptResponseIntegrity, SecureRandom random) {
        this.corruptResponseIntegrity = corruptResponseIntegrity;
        this.username = username;
        this.password = password;
        this.realm = realm;
        this.serverVersion = serverVersion;
        byte[] n = new byte[16];
        random.nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
    }

    /**
     * Answers one MS-TURN message from {@code client}: the response bytes, or null when there is nothing to answer
     * (not an MS-TURN Allocate, or malformed; an Edge ignores those). Never throws on any input.
     */
    byte[] answer(byte[] req, InetSocketAddress client) {
        try {
            return answerUnchecked(req, client);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private byte[] answerUnchecked(byte[] req, InetSocketAddress client) {
        if (req.length < 28 || u16(req, 2) != req.length - 20 || u16(req, 0) != 0x0003) {
            return null;
        }
        if (u16(req, 20) != 0x000F || u16(req, 22) != 4 || i32(req, 24) != COOKIE) {
            return null; // "The Magic Cookie attribute MUST be the first attribute"
        }
        allocates.incrementAndGet();
        byte[] txid = Arrays.copyOfRange(req, 4, 20);
        int clientVersion = 0;
        byte[] user = null;
        int miOffset = -1;
        int miLength = 0;
        for (int p = 20; p + 4 <= req.length; ) {
            int t = u16(req, p);
            int l = u16(req, p + 2);
            if (p + 4 + l > req.length) {
                return null;
            }
            if (t == 0x8008 && l == 4) {
                clientVersion = i32(req, p + 4);
            } else if (t == 0x0006) {
                user = Arrays.copyOfRange(req, p + 4, p + 4 + l);
            } else if (t == 0x0008 && miOffset < 0) {
                miOffset = p;
                miLength = l;
            }
            p += 4 + ((l + 3) & ~3);
        }
        if (user != null) {
            usernamesSeen.incrementAndGet();
        }
        boolean sha256 = Math.min(clientVersion, serverVersion) >= 3;
        if (user == null || miOffset < 0) {
            return challenge(txid);
        }
        byte[] key = key(sha256, new String(user, StandardCharsets.UTF_8));
        int macLen = sha256 ? 32 : 20;
        boolean ok = username.equals(new String(user, StandardCharsets.UTF_8)) && miLength == macLen;
        if (ok) {
            byte[] signed = Arrays.copyOf(req, miOffset);
            int covered = miOffset + 4 + macLen - 20;
            signed[2] = (byte) (covered >>> 8);
            signed[3] = (byte) covered;
            byte[] expected = mac(sha256, key, signed);
            ok = MessageDigest.isEqual(expected, Arrays.copyOfRange(req, miOffset + 4, miOffset + 4 + macLen));
        }
        if (!ok) {
            badIntegrity.incrementAndGet();
            return challenge(txid);
        }
        allocated.incrementAndGet();
        int relayPort = 50000 + Math.floorMod(nextRelayPort.getAndIncrement() - 50000, 10000);
        Writer w = new Writer(0x0103, txid);
        w.cookie();
        w.attr(0x8008, int32(Math.min(clientVersion, serverVersion)));
        w.attr(0x0001, address(new byte[] {127, 0, 0, 1}, relayPort, null));
        w.attr(0x8020, address(client.getAddress().getAddress(), client.getPort(), txid));
        w.attr(0x000D, int32(480));
        byte[] response = w.finish(sha256, key);
        if (corruptResponseIntegrity) {
            response[response.length - 1] ^= 0x01; // a forged/garbled success a client must not believe
        }
        return response;
    }

    private byte[] challenge(byte[] txid) {
        Writer w = new Writer(0x0113, txid);
        w.cookie();
        byte[] reason = "Unauthorized".getBytes(StandardCharsets.US_ASCII);
        byte[] err = new byte[4 + reason.length];
        err[2] = 4;
        err[3] = 1;
        System.arraycopy(reason, 0, err, 4, reason.length);
        w.attr(0x0009, err);
        w.attr(0x0015, realm.getBytes(StandardCharsets.UTF_8));
        w.attr(0x0014, nonce.getBytes(StandardCharsets.UTF_8));
        w.attr(0x8008, int32(serverVersion));
        return w.finish(false, null);
    }

    private byte[] key(boolean sha256, String user) {
        try {
            if (!sha256) {
                return MessageDigest.getInstance("MD5")
                        .digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            }
            byte[] k = hmac("HmacSHA256", nonce.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            d.writeBytes(new byte[] {1, 'T', 'U', 'R', 'N', 0});
            d.writeBytes(user.getBytes(StandardCharsets.UTF_8));
            d.writeBytes(realm.getBytes(StandardCharsets.UTF_8));
            d.writeBytes(new byte[] {0, 0, 1, 0});
            return hmac("HmacSHA256", k, d.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(boolean sha256, byte[] key, byte[] data) {
        byte[] padded = Arrays.copyOf(data, (data.length + 63) / 64 * 64);
        try {
            return hmac(sha256 ? "HmacSHA256" : "HmacSHA1", key, padded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String alg, byte[] key, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance(alg);
        m.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, alg));
        return m.doFinal(data);
    }

    private static byte[] address(byte[] ip, int port, byte[] txid) {
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? 1 : 2);
        int x = txid == null ? 0 : u16(txid, 0);
        v[2] = (byte) ((port ^ x) >>> 8);
        v[3] = (byte) (port ^ x);
        for (int i = 0; i < ip.length; i++) {
            v[4 + i] = (byte) (ip[i] ^ (txid == null ? 0 : txid[i]));
        }
        return v;
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int i32(byte[] b, int i) {
        return (u16(b, i) << 16) | u16(b, i + 2);
    }

    /** A tiny MS-TURN encoder: header, attributes padded to 4, optional MESSAGE-INTEGRITY last. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer(int type, byte[] txid) {
            out.writeBytes(new byte[] {(byte) (type >>> 8), (byte) type, 0, 0});
            out.writeBytes(txid);
        }

        void cookie() {
            attr(0x000F, int32(COOKIE));
        }

        void attr(int type, byte[] value) {
            out.writeBytes(new byte[] {(byte) (type >>> 8), (byte) type, (byte) (value.length >>> 8),
                (byte) value.length});
            out.writeBytes(value);
            out.writeBytes(new byte[(4 - value.length % 4) % 4]);
        }

        byte[] finish(boolean sha256, byte[] key) {
            byte[] b = out.toByteArray();
            int macLen = sha256 ? 32 : 20;
            int len = b.length - 20 + (key == null ? 0 : 4 + macLen);
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
            if (key == null) {
                return b;
            }
            byte[] mac = mac(sha256, key, b);
            byte[] all = Arrays.copyOf(b, b.length + 4 + macLen);
            all[b.length] = 0x00;
            all[b.length + 1] = 0x08;
            all[b.length + 3] = (byte) macLen;
            System.arraycopy(mac, 0, all, b.length + 4, macLen);
            return all;
        }
    }
}
