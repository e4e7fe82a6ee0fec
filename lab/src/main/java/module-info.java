/**
 * mediapath lab: reproducible seed topologies for tests — the emulated Lync Edge, an in-process intercepting
 * proxy, launchers for real peers (coturn, sslsplit, squid, mitmproxy, nginx, openssl) on loopback or in network
 * namespaces, and JUnit support.
 */
module io.mediapath.lab {
    requires transitive io.mediapath.ice;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.slf4j;
    requires static org.junit.jupiter.api;

    // Every package is the lab's API: the other modules' tests start these peers, and the CLI's `edge --lab` the seed
    // topology. No Netty handler is public here (the Edge's and the proxy's handlers are private to their class).
    exports io.mediapath.lab.coturn;
    exports io.mediapath.lab;
    exports io.mediapath.lab.edge;
    exports io.mediapath.lab.junit;
    exports io.mediapath.lab.netns;
    exports io.mediapath.lab.peers;
    exports io.mediapath.lab.pki;
    exports io.mediapath.lab.proxy;
}
