package io.vodupload.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Choosing the storage transport: OSS REST over Apache HttpClient 5 ({@code vodupload-adapters-http}) or
 * Alibaba's aliyun-sdk-oss ({@code vodupload-adapters-oss}). Both builders take the same settings, and
 * nothing else in the application changes: the {@link Uploader} sees an {@link ObjectStorage}.
 *
 * <p>Twice: with plain builders ({@link #storage(String)}), and with Guice, where the transport is chosen by
 * which module is installed ({@link HttpTransportModule} or {@link OssTransportModule}), never by an
 * {@code if} inside a module, and one injector is made, in {@code main}.
 *
 * <pre>
 * java io.vodupload.examples.TransportExample http|oss builders|guice &lt;endpoint&gt; &lt;bucket&gt; &lt;key&gt; movie.mp4
 * </pre>
 *
 * with the AccessKey in {@code OSS_ACCESS_KEY_ID} and {@code OSS_ACCESS_KEY_SECRET}.
 */
public final class TransportExample {

    private TransportExample() {
    }

    public static void main(String[] args) throws Exception {
        Credentials keys = Credentials.of(System.getenv("OSS_ACCESS_KEY_ID"), System.getenv("OSS_ACCESS_KEY_SECRET"));
        StorageTarget target = StorageTarget.of(args[2], args[3], args[4]);
        UploadResult result = args[1].equals("guice")
                ? uploadWithGuice(transportModule(args[0]), Path.of(args[5]), target, CredentialsProvider.fixed(keys))
                : uploadWithBuilders(args[0], Path.of(args[5]), target, CredentialsProvider.fixed(keys));
        System.out.println(result);
    }

    // ---- plain builders -------------------------------------------------------------------------------------

    /** The transport named {@code http} or {@code oss}, configured alike. */
    public static ObjectStorage storage(String transport) {
        return switch (transport) {
            case "http" -> HttpObjectStorage.builder()
                    .maxConnections(8)
                    .connectTimeout(Duration.ofSeconds(10))
                    .responseTimeout(Duration.ofSeconds(60))
                    .build();
            case "oss" -> OssObjectStorage.builder()
                    .maxConnections(8)
                    .connectTimeout(Duration.ofSeconds(10))
                    .responseTimeout(Duration.ofSeconds(60))
                    .build();
            default -> throw new IllegalArgumentException("transport is http or oss: " + transport);
        };
    }

    /** Uploads {@code file} over the transport named, built with its builder. */
    public static UploadResult uploadWithBuilders(String transport, Path file, StorageTarget target,
                                                  CredentialsProvider credentials) {
        try (ObjectStorage storage = storage(transport);
             Uploader uploader = Uploader.builder(storage).build()) {
            return uploader.start(UploadRequest.of(file, target), credentials, new UploadCallback() { })
                    .completion().join();
        }
    }

    // ---- Guice ----------------------------------------------------------------------------------------------

    /** The HttpClient 5 transport. No I/O here: the pool opens when the storage is first provided. */
    public static final class HttpTransportModule extends AbstractModule {
        @Provides
        @Singleton
        ObjectStorage storage() {
            return HttpObjectStorage.builder().maxConnections(8).build();
        }
    }

    /** The aliyun-sdk-oss transport, with the same settings. */
    public static final class OssTransportModule extends AbstractModule {
        @Provides
        @Singleton
        ObjectStorage storage() {
            return OssObjectStorage.builder().maxConnections(8).build();
        }
    }

    /** What the application needs whatever the transport: one {@link Uploader} over the bound storage. */
    public static final class UploadModule extends AbstractModule {
        @Provides
        @Singleton
        Uploader uploader(ObjectStorage storage) {
            return Uploader.builder(storage).build();
        }
    }

    /** The module of the transport named {@code http} or {@code oss}: the one choice, made outside the modules. */
    public static Module transportModule(String transport) {
        return switch (transport) {
            case "http" -> new HttpTransportModule();
            case "oss" -> new OssTransportModule();
            default -> throw new IllegalArgumentException("transport is http or oss: " + transport);
        };
    }

    /** Uploads {@code file} with an uploader from an injector over {@code transport} (one of the two modules). */
    public static UploadResult uploadWithGuice(Module transport, Path file, StorageTarget target,
                                               CredentialsProvider credentials) {
        Injector injector = Guice.createInjector(transport, new UploadModule());
        // Guice does not close what it made: the application closes the uploader, then the storage under it
        try (ObjectStorage storage = injector.getInstance(ObjectStorage.class);
             Uploader uploader = injector.getInstance(Uploader.class)) {
            return uploader.start(UploadRequest.of(file, target), credentials, new UploadCallback() { })
                    .completion().join();
        }
    }
}
