package io.vodupload.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.QueueStore;
import io.vodupload.testkit.InMemoryQueueStore;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class InMemoryQueueStoreContractTest extends QueueStoreContract {

    private final InMemoryQueueStore store = new InMemoryQueueStore();

    @Override
    protected QueueStore store() {
        return store;
    }

    @Test
    void failWrites_saveAndRemove_throwAndKeepTheStoredFiles() {
        store.save(ready("a"));
        store.failWrites(true);

        assertThatThrownBy(() -> store.save(ready("b"))).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> store.remove("a")).isInstanceOf(UncheckedIOException.class);
        assertThat(store.list()).extracting(f -> f.id()).containsExactly("a");
        assertThat(store.saves()).isEqualTo(1);
    }

    @Test
    void none_keepsNothing() {
        QueueStore.NONE.save(ready("a"));

        assertThat(QueueStore.NONE.list()).isEmpty();
    }
}
