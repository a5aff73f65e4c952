package io.vodupload.cli.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The command's credentials guard, against a mocked provider: what it asks the provider, and when it asks
 * for the reason it reports with exit 3. Mocks, because the point is the interaction (one refresh per
 * expiry, the expired credentials handed on, the reason read only when needed), not a provider's behaviour.
 */
class RefreshGuardTest {

    private static final Credentials EXPIRED = Credentials.sts("STS.old", "old-secret", "old-token", null);
    private static final Credentials FRESH = Credentials.sts("STS.new", "new-secret", "new-token", null);

    private final CredentialsProvider provider = mock(CredentialsProvider.class);
    @SuppressWarnings("unchecked")
    private final Supplier<String> reason = mock(Supplier.class);
    private final RefreshGuard guard = new RefreshGuard(provider, reason);

    @Test
    void refresh_providerHasFreshCredentials_asksItOnceWithTheExpiredOnesAndNeverReadsTheReason() throws Exception {
        when(provider.refresh(EXPIRED)).thenReturn(Optional.of(FRESH));

        assertThat(guard.refresh(EXPIRED)).contains(FRESH);

        verify(provider).refresh(EXPIRED);
        verify(reason, never()).get();
        verifyNoMoreInteractions(provider);
        assertThat(guard.refused()).isEmpty();
    }

    @Test
    void refresh_providerAnswersEmpty_recordsTheReasonItGivesOnce() throws Exception {
        when(provider.refresh(EXPIRED)).thenReturn(Optional.empty());
        when(reason.get()).thenReturn("--auth-command exited with status 7");

        assertThat(guard.refresh(EXPIRED)).isEmpty();

        verify(provider).refresh(EXPIRED);
        verify(reason).get();
        assertThat(guard.refused()).contains("--auth-command exited with status 7");
    }

    @Test
    void refresh_providerThrows_answersEmptyWithItsMessageOnOneLineAndNeverReadsTheReason() throws Exception {
        when(provider.refresh(EXPIRED)).thenThrow(new IllegalStateException("STS said no\nat line two"));

        assertThat(guard.refresh(EXPIRED)).isEmpty();

        verify(reason, never()).get();
        assertThat(guard.refused()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("refreshing the credentials failed: STS said no").doesNotContain("\n"));
    }

    @Test
    void current_isTheProvidersEachTime() {
        when(provider.current()).thenReturn(EXPIRED, FRESH);

        assertThat(guard.current()).isEqualTo(EXPIRED);
        assertThat(guard.current()).isEqualTo(FRESH);

        verify(provider, org.mockito.Mockito.times(2)).current();
        verifyNoMoreInteractions(provider);
    }
}
