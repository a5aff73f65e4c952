package io.vodupload.examples;

import io.vodupload.ports.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/** Files and VOD tickets for the examples' tests. */
final class Fixtures {

    static final String BUCKET = "examples-bucket";
    static final int MIB = 1024 * 1024;

    private Fixtures() {
    }

    /** A file of {@code size} random bytes (the same bytes for the same seed). */
    static Path randomFile(Path path, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(path, bytes);
    }

    /** VOD's UploadAddress ticket: Base64 of its JSON. */
    static String uploadAddress(String endpoint, String bucket, String key) {
        return base64("{\"Endpoint\":\"" + endpoint + "\",\"Bucket\":\"" + bucket + "\",\"FileName\":\"" + key + "\"}");
    }

    /** VOD's UploadAuth ticket for STS {@code c}: Base64 of its JSON. */
    static String uploadAuth(Credentials c, String region) {
        return base64("{\"AccessKeyId\":\"" + c.accessKeyId() + "\",\"AccessKeySecret\":\"" + c.accessKeySecret()
                + "\",\"SecurityToken\":\"" + c.securityToken().orElseThrow() + "\",\"Expiration\":\"3600\","
                + "\"Region\":\"" + region + "\"}");
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
