package io.mediapath.sdp.msdiag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IceWarnTest {

    private static List<Long> bits(long value) {
        return IceWarn.decode(value).stream().map(IceWarnFlag::bit).toList();
    }

    @Test
    void decodesTheDomainFixtures() {
        assertThat(IceWarn.decode(0x80000)).extracting(IceWarnFlag::meaning).containsExactly("No TURN server configured");
        assertThat(bits(0x320)).containsExactly(0x20L, 0x100L, 0x200L);
        assertThat(bits(0x40003a0)).containsExactly(0x20L, 0x80L, 0x100L, 0x200L, 0x4000000L);
        assertThat(bits(0x80012b)).containsExactly(0x1L, 0x2L, 0x8L, 0x20L, 0x100L, 0x800000L);
        assertThat(bits(0x12b)).containsExactly(0x1L, 0x2L, 0x8L, 0x20L, 0x100L);
        assertThat(IceWarn.decode(0)).isEmpty();
    }

    @Test
    void everyTableBitHasAStableNameAndMeaning() {
        List<IceWarnFlag> table = IceWarn.table();
        assertThat(table).hasSize(27); // 0x1 … 0x8000000 without 0x800
        assertThat(table).allSatisfy(f -> {
            assertThat(Long.bitCount(f.bit())).isEqualTo(1);
            assertThat(f.name()).matches("[A-Z][A-Z0-9_]+");
            assertThat(f.meaning()).isNotBlank();
            if (!f.informational()) {
                assertThat(f.remedy()).isNotBlank();
            }
        });
        assertThat(table).extracting(IceWarnFlag::name).doesNotHaveDuplicates();
        assertThat(IceWarn.flag(IceWarn.PSEUDO_TLS_FAILURE)).hasValueSatisfying(f -> {
            assertThat(f.hex()).isEqualTo("0x800000");
            assertThat(f.remedy()).contains("by IP address").contains("no SNI");
        });
        assertThat(IceWarn.flag(0x1000000)).hasValueSatisfying(f -> assertThat(f.informational()).isTrue());
    }

    @Test
    void unknownBitsAreNamedNotDropped() {
        assertThat(IceWarn.decode(0x800 | 0x1)).extracting(IceWarnFlag::name)
                .containsExactly("TURN_UNREACHABLE", "UNKNOWN_BIT");
        assertThat(IceWarn.decode(Long.MIN_VALUE)).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("UNKNOWN_BIT");
            assertThat(f.hex()).isEqualTo("0x8000000000000000");
            assertThat(f.meaning()).contains("0x8000000000000000");
        });
    }

    /** Issue 11: 0x10800328 (the seed's 0x800328 with bit 28 set) decodes the known bits beside the unknown one. */
    @Test
    void anUnknownBitBesideKnownOnesKeepsTheKnownOnes() {
        assertThat(IceWarn.decode(0x10800328L)).extracting(IceWarnFlag::name).containsExactly(
                "TCP_ALLOCATE_FAILED", "LOCAL_CONNECTIVITY_FAILED", "TCP_NAT_CONNECTIVITY_FAILED",
                "TCP_TURN_CONNECTIVITY_FAILED", "PSEUDO_TLS_FAILURE", "UNKNOWN_BIT");
        assertThat(IceWarn.decode(0x10800328L).get(5).bit()).isEqualTo(0x10000000L);
    }

    @Test
    void theQoeTableIsSelectable() {
        assertThat(IceWarn.decode(0x210, IceWarn.Table.MS_QOE)).extracting(IceWarnFlag::name)
                .containsExactly("TURN_UNREACHABLE", "TCP_ALLOCATE_FAILED");
        assertThat(IceWarn.decode(0x800000, IceWarn.Table.MS_QOE)).extracting(IceWarnFlag::name)
                .containsExactly("CANDIDATE_LOOKUP_FAILED_RESPONSE");
    }

    @Test
    void parsesValuesAsWritten() {
        assertThat(IceWarn.parseValue("0x80012b")).hasValue(0x80012b);
        assertThat(IceWarn.parseValue(" \"0X40003A0\" ")).hasValue(0x40003a0);
        assertThat(IceWarn.parseValue("288")).hasValue(288);
        assertThat(IceWarn.parseValue("0xffffffffffffffff")).hasValue(-1L);
        assertThat(IceWarn.parseValue("0x")).isEmpty();
        assertThat(IceWarn.parseValue("0x1ffffffffffffffff")).isEmpty();
        assertThat(IceWarn.parseValue("0x-1")).isEmpty();
        assertThat(IceWarn.parseValue("abc")).isEmpty();
        assertThat(IceWarn.parseValue(null)).isEmpty();
    }
}
