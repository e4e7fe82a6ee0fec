package io.mediapath.tls;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals that need more than one probe: one leaf key presented for different host names is the mark of a forging
 * proxy with a single pre-generated key (sslsplit generates one RSA key at start-up; appliances ship pre-generated
 * certificates), never of distinct genuine servers.
 */
public final class CrossChecks {


    private CrossChecks() {
    }

    /** Findings over several inspections (of different targets or names); empty when nothing is shared. */
    public static List<Finding> sharedLeafKeys(List<TlsInspection> inspections) {
        Map<String, Map<String, TlsInspection>> byKey = new LinkedHashMap<>();
        for (TlsInspection i : inspections) {
            if (i.chain().isEmpty()) {
                continue;
            }
            CertificateInfo leaf = i.chain().get(0);
            byKey.computeIfAbsent(leaf.spkiSha256(), k -> new LinkedHashMap<>()).putIfAbsent(leaf.commonName(), i);
        }
        List<Finding> out = new ArrayList<>();
        byKey.forEach((key, names) -> {
            if (names.size() < 2) {
                return;
            }
            Finding.Builder b = TlsFindingCodes.LEAF_KEY_SHARED_ACROSS_HOSTS.builder()
                    .summary(names.size() + " different names were presented with one leaf key (sha256/" + key
                            + "): a forging proxy with a single key answered for all of them");
            names.forEach((cn, i) -> b.evidence(new Evidence("probe " + i.probe() + " " + i.target(), "certificate 0",
                    i.chain().get(0).subject())));
            out.add(b.build());
        });
        return out;
    }
}
