package io.mediapath.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void iceSrtpAndKeyCredentialsAreHiddenAndTheRestStays() {
        assertThat(Secrets.redactLine("a=ice-pwd:asd88fgpdd777uzjYhagZg"))
                .isEqualTo("a=ice-pwd:[redacted]");
        assertThat(Secrets.redactLine("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|1:1"))
                .isEqualTo("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[redacted]|2^31|1:1");
        assertThat(Secrets.redactLine("a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:abc|2^31|1:1 inline:def"))
                .isEqualTo("a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:[redacted]|2^31|1:1 inline:[redacted]");
        assertThat(Secrets.redactLine("k=base64:c2VjcmV0")).isEqualTo("k=base64:[redacted]");
        assertThat(Secrets.redactLine("  k=clear:secret")).isEqualTo("  k=clear:[redacted]");
        // MS-ICE draft-6: the third field is the candidate's password
        assertThat(Secrets.redactLine("a=candidate:d5lFvGToAAAAAAAAAAAAAAAAAAAAAAAA 1 1RihtXAWk/x7TSyhrZQfDA UDP 0.830 192.0.2.57 31848"))
                .isEqualTo("a=candidate:d5lFvGToAAAAAAAAAAAAAAAAAAAAAAAA 1 [redacted] UDP 0.830 192.0.2.57 31848");
        assertThat(Secrets.redactLine("2026-01-01 12:00:00 a=candidate:abc 2 PWDpwd TCP 0.190 192.0.2.1 443"))
                .endsWith("a=candidate:abc 2 [redacted] TCP 0.190 192.0.2.1 443");
        // RFC 5245/8839 candidates carry no secret
        String rfc = "a=candidate:1 1 UDP 2130706431 192.0.2.1 50000 typ host";
        assertThat(Secrets.redactLine(rfc)).isSameAs(rfc);
        String tcp = "a=candidate:4 1 TCP-ACT 1684798975 192.0.2.1 50000 typ srflx raddr 10.0.0.1 rport 50000";
        assertThat(Secrets.redactLine(tcp)).isSameAs(tcp);
        String plain = "m=audio 50000 RTP/SAVP 0";
        assertThat(Secrets.redactLine(plain)).isSameAs(plain);
        assertThat(Secrets.redactLine("a=ice-pwd:")).isEqualTo("a=ice-pwd:");
    }

    @Test
    void attributeValuesByName() {
        assertThat(Secrets.redactAttribute("ice-pwd", Optional.of("x"))).hasValue(Secrets.REDACTED);
        assertThat(Secrets.redactAttribute("candidate", Optional.of("abc 1 pw UDP 0.5 192.0.2.1 1")))
                .hasValue("abc 1 [redacted] UDP 0.5 192.0.2.1 1");
        assertThat(Secrets.redactAttribute("candidate", Optional.of("1 1 UDP 1 192.0.2.1 1 typ host")))
                .hasValue("1 1 UDP 1 192.0.2.1 1 typ host");
        assertThat(Secrets.redactAttribute("rtpmap", Optional.of("0 PCMU/8000"))).hasValue("0 PCMU/8000");
        assertThat(Secrets.redactAttribute("ice-ufrag", Optional.empty())).isEmpty();
        assertThat(Secrets.redactKey("base64:c2VjcmV0")).isEqualTo("base64:[redacted]");
        assertThat(Secrets.redactKey("prompt")).isEqualTo("prompt");
    }

    /** Issue 11 item 8: MIKEY data and an ICE password written without its colon were shown. */
    @Test
    void keyMgmtDataAndSpacedIcePasswordAreHidden() {
        assertThat(Secrets.redactLine("a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO7cqwAAAAAQBgQAXZ6dQvwAEw=="))
                .isEqualTo("a=key-mgmt:mikey [redacted]");
        assertThat(Secrets.redactAttribute("key-mgmt", Optional.of("mikey AQAFgM0XflAB")))
                .hasValue("mikey [redacted]");
        assertThat(Secrets.redactLine("a=ice-pwd SECRETpwd123")).isEqualTo("a=ice-pwd [redacted]");
        assertThat(Secrets.redactLine("12:00:01 a=ice-pwd\tSECRETpwd123 x")).isEqualTo("12:00:01 a=ice-pwd\t[redacted] x");
        assertThat(Secrets.redactAttributeName("ice-pwd SECRETpwd123")).isEqualTo("ice-pwd [redacted]");
        assertThat(Secrets.redactAttributeName("ice-ufrag")).isEqualTo("ice-ufrag");
        String ufrag = "a=ice-ufrag:abcd";
        assertThat(Secrets.redactLine(ufrag)).isSameAs(ufrag);
    }

    /** The MRAS answer a Lync/SfB log carries has the relay password in the clear (issue 12). */
    @Test
    void mrasPasswordsInXmlAreHidden() {
        assertThat(Secrets.redactLine("<credentials><username>u1</username><password>Pa55+w/rd=</password></credentials>"))
                .isEqualTo("<credentials><username>u1</username><password>[redacted]</password></credentials>");
        assertThat(Secrets.redactLine("  <m:password>Pa55+w/rd=")).isEqualTo("  <m:password>[redacted]");
        assertThat(Secrets.redactLine("<password></password> and </password>x")).isEqualTo("<password></password> and </password>x");
        String plain = "password> is not a tag here";
        assertThat(Secrets.redactLine(plain)).isSameAs(plain);
    }
}
