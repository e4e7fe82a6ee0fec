/**
 * A lab certificate authority built with Bouncy Castle: a root CA, server leaves for host names and IP
 * addresses, leaves forged the way intercepting proxies forge them (the original's subject and SAN, signed by the
 * lab CA), PEM files for external peers (openssl, nginx, sslsplit, squid, mitmproxy) and Netty/JDK TLS contexts.
 *
 * <p>Nothing here registers a JCA provider globally: Bouncy Castle is passed explicitly where it is needed.
 */
package io.mediapath.lab.pki;
