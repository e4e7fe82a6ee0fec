/**
 * Launchers for coturn ({@code turnserver}) and its echo peer ({@code turnutils_peer}) on loopback, for integration
 * tests: free ports, a test-made certificate, long-term credentials, started and stopped by PID.
 */
package io.mediapath.lab.coturn;
