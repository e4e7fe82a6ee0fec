package io.mediapath.capture;

/**
 * Stream bytes the capture never saw (a lost segment, or bytes the snapshot length cut): marked, never guessed.
 *
 * @param offset position of the first missing byte in the direction's stream
 * @param length how many bytes are missing
 * @param frame  the frame at the hole: the first after it (Wireshark flags it "previous segment not captured"), or
 *               the frame the snapshot length cut short
 */
public record Gap(long offset, long length, long frame) {
}
