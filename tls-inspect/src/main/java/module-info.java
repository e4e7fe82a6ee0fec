/**
 * mediapath tls-inspect: who answers on TCP 443 — the pseudo-TLS probe for Lync/SfB relays, the full TLS probe
 * (Bouncy Castle over Netty), and the verdict engine that names interception.
 */
module io.mediapath.tls {
    requires transitive io.mediapath.ice;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;
    requires org.slf4j;
    requires tools.jackson.core;

    exports io.mediapath.tls;
}
