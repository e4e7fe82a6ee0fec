/**
 * ICE candidates, priorities, pairs and the candidate-list audit, and the small vocabulary every mediapath module
 * speaks: {@link io.mediapath.ice.TransportAddress}, {@link io.mediapath.ice.Finding},
 * {@link io.mediapath.ice.Severity} and {@link io.mediapath.ice.Evidence}.
 */
package io.mediapath.ice;
