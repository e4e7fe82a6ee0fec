/**
 * Launchers for real Debian peers the tests talk to: openssl s_server and nginx (genuine TLS), sslsplit
 * (forging interceptor), squid-openssl with ssl-bump and a Basic-auth port (407), and mitmproxy 8 (reverse and
 * explicit). Each runs as a child process started by PID in its own temporary directory (configuration,
 * certificates, pid and logs), listens only on 127.0.0.0/8 or ::1 on a free port, is waited for with a deadline,
 * and is stopped reliably (SIGTERM, wait with a deadline, then SIGKILL, children included). A missing binary fails
 * loudly with the {@code apt-get install} command that provides it.
 */
package io.mediapath.lab.peers;
