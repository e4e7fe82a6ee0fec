package io.mediapath.turn.msturn;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What an MS-TURN Allocate achieved.
 *
 * @param server the Edge address that answered
 * @param transport how it was reached
 * @param realm the REALM of the 401 challenge
 * @param serverMsVersion the MS-VERSION of the 401 (0 when absent)
 * @param regime the MESSAGE-INTEGRITY regime used (or that would be used) for the authenticated Allocate
 * @param relayed the relayed transport address (MAPPED-ADDRESS of the 0x0103); empty when no credentials were
 *     configured, so only the challenge was fetched (which already proves the path to the Edge)
 * @param reflexive the client's address as the Edge saw it (XOR-MAPPED-ADDRESS), when sent
 * @param lifetimeSeconds the granted LIFETIME, or 0 when absent or not allocated
 */
public record MsTurnAllocation(InetSocketAddress server, MsTurnTransport transport, String realm,
        int serverMsVersion, IntegrityRegime regime, Optional<InetSocketAddress> relayed,
        Optional<InetSocketAddress> reflexive, int lifetimeSeconds) {

    /** True when the authenticated Allocate succeeded (a relayed address is present). */
    public boolean allocated() {
        return relayed.isPresent();
    }
}
