package io.mediapath.lab.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** The router's reading of the first record: SNI of a real ClientHello, the pseudo-TLS shape, plaintext. */
class SniRouterTest {

    static byte[] jdkClientHello(String sni) throws Exception {
        SSLEngine e = SSLContext.getDefault().createSSLEngine("relay.example", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        if (sni != null) {
            p.setServerNames(java.util.List.of(new SNIHostName(sni)));
        }
        e.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    @Test
    void readsTheSniOfARealHello() throws Exception {
        SniRouter.Hello h = SniRouter.parse(jdkClientHello("edge.lab.example"));
        assertThat(h.sni()).contains("edge.lab.example");
        assertThat(h.tls()).isTrue();
        assertThat(h.pseudoTls()).isFalse();
        assertThat(SniRouter.sniEquals("EDGE.lab.example").test(h)).isTrue();
    }

    @Test
    void thePseudoTlsHelloHasNoSni() {
        byte[] hello = HexFormat.of().parseHex("160301002d0100002903"
                + "01c1fcd5a36d93dd7e0b45673fec7985fbbc3fd660c2ce8485081b8121bcaa10fb00000200180100");
        SniRouter.Hello h = SniRouter.parse(hello);
        assertThat(h.sni()).isEmpty();
        assertThat(h.pseudoTls()).isTrue();
        assertThat(SniRouter.sniEquals("edge.lab.example").test(h)).isFalse();
    }

    @Test
    void plaintextIsNotTls() {
        assertThat(SniRouter.parse("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).tls())
                .isFalse();
    }
}
