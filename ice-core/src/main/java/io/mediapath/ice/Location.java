package io.mediapath.ice;

/**
 * Where an endpoint sits, as Lync/SfB report it in {@code ms-client-diagnostics} (LocalLocation/RemoteLocation:
 * 0 unknown, 1 internet, 2 intranet) or as the caller knows it. Feasibility estimates use it to decide whether a
 * private address can be reached.
 */
public enum Location {
    /** Not known; the estimate then gives every address the benefit of the doubt. */
    UNKNOWN,
    /** On the internet (a remote or home user), reaching the enterprise only through its Edge. */
    INTERNET,
    /** Inside the enterprise network, reaching the internet for media only through the relay (or a NAT). */
    INTRANET;

    /** Maps the ms-client-diagnostics location number (0, 1, 2); anything else is {@link #UNKNOWN}. */
    public static Location fromMsCode(int code) {
        switch (code) {
            case 1: return INTERNET;
            case 2: return INTRANET;
            default: return UNKNOWN;
        }
    }
}
