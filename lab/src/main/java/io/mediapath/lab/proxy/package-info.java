/**
 * An in-process intercepting proxy (Netty + the JDK's TLS with Bouncy Castle certificates) that answers a TLS or
 * pseudo-TLS hello the way middleboxes in front of TCP 443 do: a forged certificate, an HTTP 407 or 302 page, a
 * reset, a close, a TLS alert, the ServerHello/Certificate/ServerHelloDone flight split one record per packet, or
 * silence. Binds only to loopback.
 */
package io.mediapath.lab.proxy;
