package io.mediapath.ice.receipt;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One leg's conclusion and what it rests on.
 *
 * @param conclusion      reached, modified, translated, intercepted or dropped
 * @param detail          one line for reports (never the token)
 * @param check           the receipt check it rests on
 * @param firstDifference for {@link PathConclusion#MODIFIED}: the first offset where the bytes differ, when the
 *                        receipt's sample shows it
 * @param diff            for {@link PathConclusion#MODIFIED}: the difference in words and hex
 * @param egress          the source address the responder saw, when it is not ours (translated, or modified too)
 */
public record PathVerdict(PathConclusion conclusion, String detail, ReceiptCheck check,
        Optional<Integer> firstDifference, Optional<String> diff, Optional<InetSocketAddress> egress) {
    public PathVerdict {
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(firstDifference, "firstDifference");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(egress, "egress");
    }
}
