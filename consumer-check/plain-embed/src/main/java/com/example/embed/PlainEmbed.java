package com.example.embed;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.nio.file.Path;

/**
 * A plain embed: a program whose project depends on vodupload-domain and vodupload-adapters-http as the
 * README's "Use as a library" shows, running the README's minimal upload. Arguments: endpoint, bucket, key,
 * file; the AccessKey in {@code OSS_ACCESS_KEY_ID} and {@code OSS_ACCESS_KEY_SECRET}.
 */
public final class PlainEmbed {

    private PlainEmbed() {
    }

    public static void main(String[] args) {
        String endpoint = args[0];
        Path file = Path.of(args[3]);
        String keyId = System.getenv("OSS_ACCESS_KEY_ID");
        String keySecret = System.getenv("OSS_ACCESS_KEY_SECRET");
        // the README's snippet, with the bucket and key from the arguments
        try (HttpObjectStorage storage = HttpObjectStorage.builder().maxConnections(8).build();
             Uploader uploader = Uploader.builder(storage).build()) {
            StorageTarget target = StorageTarget.of(endpoint, args[1], args[2]);
            UploadResult result = uploader.start(UploadRequest.of(file, target),
                    CredentialsProvider.fixed(Credentials.of(keyId, keySecret)), new UploadCallback() { })
                    .completion().join();
            System.out.println(result);
        }
    }
}
