package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=simulcast}: RFC 8853 ({@code send 1,~4;2;3 recv c}) and the older draft-03 form Firefox sent
 * ({@code a=simulcast: send rid=foo;bar}, with {@code paused=} lists). Each direction is a list of streams, each
 * stream a list of alternative RIDs.
 *
 * @param send    streams sent
 * @param recv    streams received
 * @param draft03 whether the draft-03 {@code rid=} syntax was used
 */
public record Simulcast(List<List<Alternative>> send, List<List<Alternative>> recv, boolean draft03) {

    /** Validates the components. */
    public Simulcast {
        send = List.copyOf(send);
        recv = List.copyOf(recv);
    }

    /**
     * One alternative RID of a simulcast stream.
     *
     * @param rid    the RID
     * @param paused whether it is marked paused ({@code ~} in RFC 8853, listed in {@code paused=} in draft-03)
     */
    public record Alternative(String rid, boolean paused) {
        /** Validates the components. */
        public Alternative {
            Objects.requireNonNull(rid, "rid");
        }
    }

    /** The typed view of an {@code a=simulcast} attribute. */
    public static Optional<Simulcast> from(Attribute a) {
        if (!a.is("simulcast") || a.value().isEmpty()) {
            return Optional.empty();
        }
        List<String> w = Attributes.words(a.value().get());
        List<List<Alternative>> send = new ArrayList<>();
        List<List<Alternative>> recv = new ArrayList<>();
        boolean draft = false;
        List<String> paused = new ArrayList<>();
        for (String t : w) {
            if (t.startsWith("paused=")) {
                paused.addAll(List.of(t.substring(7).split("[,;]")));
            }
        }
        for (int i = 0; i < w.size(); i++) {
            String dir = w.get(i);
            if (dir.startsWith("paused=")) {
                continue;
            }
            if (!dir.equals("send") && !dir.equals("recv")) {
                return Optional.empty();
            }
            if (i + 1 >= w.size()) {
                return Optional.empty();
            }
            String list = w.get(++i);
            if (list.startsWith("rid=")) {
                draft = true;
                list = list.substring(4);
            }
            List<List<Alternative>> target = dir.equals("send") ? send : recv;
            for (String stream : list.split(";")) {
                List<Alternative> alts = new ArrayList<>();
                for (String alt : stream.split(",")) {
                    boolean p = alt.startsWith("~");
                    String rid = p ? alt.substring(1) : alt;
                    if (rid.isEmpty()) {
                        return Optional.empty();
                    }
                    alts.add(new Alternative(rid, p || paused.contains(rid)));
                }
                target.add(List.copyOf(alts));
            }
        }
        if (send.isEmpty() && recv.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Simulcast(send, recv, draft));
    }
}
