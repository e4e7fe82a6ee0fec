package io.mediapath.tls;

import java.util.List;
import java.util.Objects;

/**
 * One TLS record of the server's flight and where it arrived: which reads carried it and what it held.
 *
 * @param index       0-based position in the flight
 * @param contentType 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data (encrypted)
 * @param version     record-layer version, e.g. 0x0301
 * @param length      fragment length
 * @param firstRead   index of the read that carried its first byte
 * @param lastRead    index of the read that completed it
 * @param contents    what it held: handshake message names ({@code ServerHello}, {@code Certificate},
 *                    {@code ServerHelloDone}, {@code fragment} for a partial message), {@code alert}, or
 *                    {@code encrypted}
 */
public record FlightRecord(int index, int contentType, int version, int length, int firstRead, int lastRead,
        List<String> contents) {

    public FlightRecord {
        contents = List.copyOf(contents);
        Objects.requireNonNull(contents, "contents");
    }

    @Override
    public String toString() {
        return "record " + index + " type " + contentType + " len " + length + " reads " + firstRead
                + (lastRead != firstRead ? ".." + lastRead : "") + " " + contents;
    }
}
