/**
 * The responder's wire code and Netty handlers; not API. Everything that reads network bytes here works on byte
 * arrays with explicit bounds and is fuzzed ({@code FirstBytesFuzzTest}).
 */
package io.mediapath.responder.internal;
