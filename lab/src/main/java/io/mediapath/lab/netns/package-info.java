/**
 * The seeds' topology in Linux network namespaces the test creates: a client, an on-path middlebox and a relay,
 * joined by veth pairs with 10.x addresses that exist only inside those namespaces; an iptables REDIRECT in the
 * middlebox sends the relay's TCP 443 to sslsplit, so a TCP connect succeeds while the hello is intercepted.
 * Needs root, {@code ip} (iproute2), {@code iptables} and {@code sslsplit}.
 */
package io.mediapath.lab.netns;
