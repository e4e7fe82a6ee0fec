package io.mediapath.turn;

import java.net.InetSocketAddress;

/** Receives data a peer sent to the relayed address (from Data indications or ChannelData). */
@FunctionalInterface
public interface PeerDataListener {
    /**
     * Called on the connection's event loop; must not block.
     *
     * @param peer    the peer's address as the server reported it
     * @param data    the application data (a fresh array the listener may keep)
     * @param channel the channel number it arrived on, or 0 for a Data indication
     */
    void onData(InetSocketAddress peer, byte[] data, int channel);
}
