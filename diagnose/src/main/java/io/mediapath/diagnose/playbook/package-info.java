/**
 * The edge playbook: {@link io.mediapath.diagnose.playbook.EdgePlaybook} runs every leg that tells whether media
 * can use a relay (DNS, UDP, the telnet test, the relay protocol on TCP, the browser test with and without SNI, the
 * page, the explicit proxy, and the caller's own probes) and {@link io.mediapath.diagnose.playbook.RootCauseCombiner}
 * turns them into per-modality verdicts and one root cause with its remedy. No command-line or JSON library types.
 */
package io.mediapath.diagnose.playbook;
