/**
 * Wire decoders behind the capture API (not exported): link layers, IPv4/IPv6 with fragment reassembly, UDP and
 * TCP headers, and the per-direction TCP stream reassembler. All on byte arrays, bounded, fuzzed.
 */
package io.mediapath.capture.wire;
