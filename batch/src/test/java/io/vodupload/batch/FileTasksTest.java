package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FileTasksTest {

    @Test
    void instanceId_isStableShortAndStartsWithTheBatch() {
        String longKey = "a/".repeat(500) + "clip.mp4";

        String id = FileTasks.instanceId("0123456789abcdef", longKey);

        assertThat(id).isEqualTo(FileTasks.instanceId("0123456789abcdef", longKey)).startsWith("0123456789abcdef/")
                .hasSize(16 + 1 + 32);
        assertThat(FileTasks.instanceId("b", "x.mp4")).isNotEqualTo(FileTasks.instanceId("b", "y.mp4"));
        assertThat(FileTasks.instanceId(("b").repeat(64), longKey).length()).isLessThanOrEqualTo(100);
    }

    @Test
    void taskData_roundTripsAsJsonAndIgnoresUnknownFields() {
        FileWork work = new FileWork("b", "/d/a.mp4", "a.mp4", 5, 6, 7, Map.of("title", "A"), Map.of("bucket", "x"));

        byte[] json = JsonTaskData.INSTANCE.serialize(work);
        String withNewField = new String(json, java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":1,");

        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{");
        assertThat(JsonTaskData.INSTANCE.deserialize(FileWork.class, json)).isEqualTo(work);
        assertThat(JsonTaskData.INSTANCE.deserialize(FileWork.class,
                withNewField.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(work);
    }
}
