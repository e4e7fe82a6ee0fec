package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PlaybookOptions} is an immutable value: a builder from it gives the same options, changed only as asked. */
class PlaybookOptionsTest {

    @Test
    void toBuilderKeepsEverySettingAndTheOriginalUnchanged() {
        PlaybookOptions o = PlaybookOptions.builder().profile(PlaybookOptions.Profile.RFC)
                .deadline(Duration.ofSeconds(7)).sequential(true).credentialsOnInterceptedPath(true)
                .proxySelector(null).environment(Map.of("HTTPS_PROXY", "http://127.0.0.1:3128")).build();
        PlaybookOptions copy = o.toBuilder().build();
        assertThat(copy.profile()).isEqualTo(PlaybookOptions.Profile.RFC);
        assertThat(copy.deadline()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.sequential()).isTrue();
        assertThat(copy.credentialsOnInterceptedPath()).isTrue();
        assertThat(copy.proxySelector()).isNull();
        assertThat(copy.environment()).containsEntry("HTTPS_PROXY", "http://127.0.0.1:3128");

        PlaybookOptions changed = o.toBuilder().sequential(false).build();
        assertThat(changed.sequential()).isFalse();
        assertThat(o.sequential()).isTrue();
    }

    @Test
    void aDeadlineNotGivenFollowsTheProfileThroughToBuilder() {
        PlaybookOptions diagnostic = PlaybookOptions.defaults();
        PlaybookOptions rfc = diagnostic.toBuilder().profile(PlaybookOptions.Profile.RFC).build();
        assertThat(rfc.deadline()).isEqualTo(PlaybookOptions.Profile.RFC.deadline())
                .isNotEqualTo(diagnostic.deadline());
    }
}
