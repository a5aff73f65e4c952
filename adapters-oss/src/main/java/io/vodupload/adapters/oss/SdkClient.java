package io.vodupload.adapters.oss;

import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.Protocol;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.internal.OSSMultipartOperation;
import com.aliyun.oss.internal.OSSObjectOperation;
import com.aliyun.oss.internal.OSSOperation;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One SDK client bound to one {@link ClientKey}: a connection pool ({@link RecordingServiceClient}) and
 * the SDK's object and multipart operations on it, signing with that key's credentials.
 *
 * <p>These are the very objects {@code com.aliyun.oss.OSSClient} delegates to ({@code OSSClient.uploadPart}
 * is {@code multipartOperation.uploadPart}, and so on); building them here instead of through
 * {@code OSSClientBuilder} is what lets the adapter put its recording service client underneath, since
 * {@code OSSClient} always makes its own. Signing, the wire format, XML and error parsing are the SDK's.
 *
 * <p>The configuration: SDK retries off ({@code maxErrorRetry 0}), the SDK's CRC check off (the adapter
 * computes CRC-64 while streaming, one pass per byte), clock-skew correction on with a tick offset shared
 * by all clients, redirects off, TLS verification on, path style for the key's addressing, CNAME
 * detection off (so virtual host always means {@code bucket.endpoint}).
 *
 * <p>Thread-safe: the operations may be called from many threads at once; {@link #shutdown} closes the
 * pool, after which calls fail.
 */
final class SdkClient {

    private final ClientKey key;
    private final RecordingServiceClient service;
    private final OSSObjectOperation objects;
    private final OSSMultipartOperation multipart;

    SdkClient(ClientKey key, OssStorageConfig settings, AtomicLong sharedTickOffset) {
        this.key = key;
        SdkConfiguration config = new SdkConfiguration(sharedTickOffset);
        config.setMaxErrorRetry(0);
        config.setCrcCheckEnabled(false);
        config.setEnableAutoCorrectClockSkew(true);
        config.setSLDEnabled(key.pathStyle());
        config.setSupportCname(false);
        config.setRedirectEnable(false);
        config.setVerifySSLEnable(true);
        config.setRequestTimeoutEnabled(false);
        config.setProtocol("https".equalsIgnoreCase(key.endpoint().getScheme()) ? Protocol.HTTPS : Protocol.HTTP);
        config.setConnectionTimeout((int) settings.connectTimeout().toMillis());
        config.setSocketTimeout((int) settings.socketTimeout().toMillis());
        config.setConnectionRequestTimeout((int) settings.poolTimeout().toMillis());
        config.setMaxConnections(settings.maxConnections());
        SignVersion version = key.signature() == ClientKey.Signature.V4 ? SignVersion.V4 : SignVersion.V1;
        config.setSignatureVersion(version);

        this.service = new RecordingServiceClient(config);
        DefaultCredentialProvider credentials = key.securityToken()
                .map(token -> new DefaultCredentialProvider(key.accessKeyId(), key.accessKeySecret(), token))
                .orElseGet(() -> new DefaultCredentialProvider(key.accessKeyId(), key.accessKeySecret()));
        this.objects = configure(new OSSObjectOperation(service, credentials), version);
        this.multipart = configure(new OSSMultipartOperation(service, credentials), version);
    }

    private <T extends OSSOperation> T configure(T operation, SignVersion version) {
        operation.setEndpoint(key.endpoint());
        operation.setProduct("oss");
        operation.setSignVersion(version);
        key.region().ifPresent(operation::setRegion);
        return operation;
    }

    ClientKey key() {
        return key;
    }

    RecordingServiceClient service() {
        return service;
    }

    OSSObjectOperation objects() {
        return objects;
    }

    OSSMultipartOperation multipart() {
        return multipart;
    }

    /** Closes the connection pool. */
    void shutdown() {
        service.shutdown();
    }

    @Override
    public String toString() {
        return "SdkClient[" + key + "]";
    }
}
