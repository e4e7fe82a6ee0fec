package io.mediapath.diagnose.playbook;

/** Where the machine running the playbook sits relative to the relay. */
public enum ClientLocation {
    /** Not said; no location-dependent finding is made. */
    UNKNOWN,
    /** Inside the enterprise network: it should reach the Edge's internal interface (a private address). */
    INTRANET,
    /** On the internet: it reaches the Edge's external interface. */
    INTERNET
}
