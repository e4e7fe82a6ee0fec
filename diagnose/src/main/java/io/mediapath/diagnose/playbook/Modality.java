package io.mediapath.diagnose.playbook;

/** A kind of media a call carries, as the relay sees it. */
public enum Modality {
    /** Voice: UDP relay preferred, TCP relay as fallback. */
    AUDIO("audio", true),
    /** Video: UDP relay preferred, TCP relay as fallback. */
    VIDEO("video", true),
    /** Desktop/application sharing: TCP relay only ([MS-SDPEXT] 3.1.5.22.2). */
    APPSHARING("appsharing", false),
    /** File transfer: TCP relay only. */
    FILETRANSFER("filetransfer", false);

    private final String label;
    private final boolean udp;

    Modality(String label, boolean udp) {
        this.label = label;
        this.udp = udp;
    }

    /** The lower-case name used in reports ({@code audio}, {@code appsharing}, …). */
    public String label() {
        return label;
    }

    /** True when this modality may use the UDP relay (and uses TCP only as a fallback). */
    public boolean usesUdp() {
        return udp;
    }
}
