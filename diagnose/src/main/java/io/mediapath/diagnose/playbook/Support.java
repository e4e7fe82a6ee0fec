package io.mediapath.diagnose.playbook;

/** How well a {@link Modality} can work through the relay from here. */
public enum Support {
    /** Works over its preferred path. */
    WORKS,
    /** Works only over the fallback path (e.g. audio over the TCP relay): worse quality, still a call. */
    DEGRADED,
    /** No path works. */
    FAILS,
    /** The legs that decide it did not run or did not conclude. */
    UNKNOWN
}
