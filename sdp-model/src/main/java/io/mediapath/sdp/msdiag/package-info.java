/**
 * Lync / Skype for Business diagnostics headers: {@link io.mediapath.sdp.msdiag.MsDiagnostics} parses
 * {@code ms-diagnostics}, {@code ms-client-diagnostics} and {@code ms-diagnostics-public} values as seen in the
 * wild, {@link io.mediapath.sdp.msdiag.MediaDebug} types the CallerMediaDebug/CalleeMediaDebug fields (LocalMR,
 * RemoteMR, LocalLocation, MrDnsU, …), {@link io.mediapath.sdp.msdiag.IceWarn} decodes ICEWarn with the Lync
 * Server 2010 Resource Kit table (bit 0x800000: pseudo-TLS failure, a TLS-inspecting proxy) and
 * {@link io.mediapath.sdp.msdiag.DiagnosticCode} explains the known codes. These are values, not findings: the
 * ice-core module turns them into findings.
 */
package io.mediapath.sdp.msdiag;
