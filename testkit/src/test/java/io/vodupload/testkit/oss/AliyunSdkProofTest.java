package io.vodupload.testkit.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.internal.OSSHeaders;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.UploadFileRequest;
import com.aliyun.oss.model.UploadFileResult;
import io.vodupload.ports.Crc64;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof that the server speaks OSS: Alibaba's own Java SDK (aliyun-sdk-oss 3.18.5) signs with V1,
 * with V4 and with an STS token, uploads with several threads and its CRC-64 checks on, and succeeds;
 * and it fails exactly where OSS would make it fail. If the SDK is rejected, the server is wrong.
 */
class AliyunSdkProofTest {

    static final String BUCKET = "proof-bucket";
    static final String KEY_WITH_EVERYTHING = "dir one/a+b%c/vidéo 視頻 (1).mp4";
    static final int PART = 128 * 1024;

    @TempDir
    Path dir;

    OssServer server;
    final List<OSS> clients = new ArrayList<>();
    Path file;
    byte[] content;

    @BeforeEach
    void start() throws Exception {
        server = OssServer.builder()
                .bucket(BUCKET)
                .credentials(OssCredentials.of("ak", "sk"))
                .credentials(OssCredentials.sts("STS.old", "sts-secret", "old-token"))
                .start();
        // 7 parts of 128 KiB and a short last one
        content = new byte[7 * PART + 12_345];
        new Random(42).nextBytes(content);
        file = dir.resolve("video.mp4");
        Files.write(file, content);
    }

    @AfterEach
    void stop() {
        clients.forEach(OSS::shutdown);
        server.close();
    }

    OSS client(SignVersion version, String ak, String sk, String token, int maxErrorRetry) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(version);
        conf.setMaxErrorRetry(maxErrorRetry);
        conf.setCrcCheckEnabled(true);
        conf.setConnectionTimeout(5_000);
        conf.setSocketTimeout(10_000);
        DefaultCredentialProvider credentials = token == null
                ? new DefaultCredentialProvider(ak, sk) : new DefaultCredentialProvider(ak, sk, token);
        OSS oss = OSSClientBuilder.create()
                .endpoint(server.endpoint().toString())
                .credentialsProvider(credentials)
                .clientConfiguration(conf)
                .region(server.region())
                .build();
        clients.add(oss);
        return oss;
    }

    UploadFileRequest uploadFileRequest(String key, int taskNum) {
        UploadFileRequest request = new UploadFileRequest(BUCKET, key);
        request.setUploadFile(file.toString());
        request.setPartSize(PART);
        request.setTaskNum(taskNum);
        request.setEnableCheckpoint(false);
        return request;
    }

    void assertStoredMultipartEqualsFile(String key, UploadFileResult result) {
        OssObject stored = server.object(BUCKET, key).orElseThrow();
        assertThat(stored.bytes()).isEqualTo(content);
        assertThat(stored.objectType()).isEqualTo("Multipart");
        assertThat(stored.crc64()).isEqualTo(Crc64.of(content));
        CompleteMultipartUploadResult complete = result.getMultipartUploadResult();
        assertThat(complete.getETag()).isEqualTo(stored.etag().replace("\"", "")).endsWith("-8");
        // the SDK read the whole-object CRC from Complete and checked it against its own
        assertThat(complete.getServerCRC()).isEqualTo(Crc64.of(content));
    }

    @ParameterizedTest(name = "signature {0}")
    @ValueSource(strings = {"V1", "V4"})
    void uploadFile_fourThreadsCrcOn_succeedsAndStoresTheFile(String version) throws Throwable {
        OSS oss = client(SignVersion.valueOf(version), "ak", "sk", null, 0);

        UploadFileResult result = oss.uploadFile(uploadFileRequest(KEY_WITH_EVERYTHING, 4));

        assertStoredMultipartEqualsFile(KEY_WITH_EVERYTHING, result);
        assertThat(server.stats().requests(OssOperation.UPLOAD_PART)).isEqualTo(8);
        // initiate + 8 parts + complete, every one checked with the version the SDK was told to use
        assertSignedWith(version, 10);
        assertThat(server.uploadIds()).isEmpty();
    }

    @ParameterizedTest(name = "signature {0}")
    @ValueSource(strings = {"V1", "V4"})
    void uploadFile_withStsToken_succeeds(String version) throws Throwable {
        OSS oss = client(SignVersion.valueOf(version), "STS.old", "sts-secret", "old-token", 0);

        UploadFileResult result = oss.uploadFile(uploadFileRequest("sts/video.mp4", 3));

        assertStoredMultipartEqualsFile("sts/video.mp4", result);
        assertSignedWith(version, 10);
    }

    void assertSignedWith(String version, long requests) {
        assertThat(version.equals("V4") ? server.stats().authenticatedV4() : server.stats().authenticatedV1()).isEqualTo(requests);
        assertThat(version.equals("V4") ? server.stats().authenticatedV1() : server.stats().authenticatedV4()).isZero();
    }

    @ParameterizedTest(name = "signature {0}")
    @ValueSource(strings = {"V1", "V4"})
    void putGetHead_keyWithSpacesPlusPercentUnicodeAndSlash_roundTrips(String version) throws Exception {
        OSS oss = client(SignVersion.valueOf(version), "STS.old", "sts-secret", "old-token", 0);
        byte[] small = "hello, OSS".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("video/mp4");
        meta.addUserMetadata("author", "alice");

        PutObjectResult put = oss.putObject(BUCKET, KEY_WITH_EVERYTHING, new ByteArrayInputStream(small), meta);
        ObjectMetadata head = oss.getObjectMetadata(BUCKET, KEY_WITH_EVERYTHING);
        byte[] got;
        try (InputStream in = oss.getObject(BUCKET, KEY_WITH_EVERYTHING).getObjectContent()) {
            got = in.readAllBytes();
        }
        Path downloaded = dir.resolve("downloaded");
        // the file variant checks the CRC-64 of what it received against x-oss-hash-crc64ecma
        oss.getObject(new GetObjectRequest(BUCKET, KEY_WITH_EVERYTHING), downloaded.toFile());

        assertThat(put.getETag()).isEqualTo(OssCodec.hexUpper(java.security.MessageDigest.getInstance("MD5").digest(small)));
        assertThat(put.getServerCRC()).isEqualTo(Crc64.of(small));
        assertThat(got).isEqualTo(small);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(small);
        assertThat(head.getContentLength()).isEqualTo(small.length);
        assertThat(head.getContentType()).isEqualTo("video/mp4");
        if (OssHandler.EXACT_HEADER_NAMES) {
            // the SDK finds user metadata by a case-sensitive name prefix; only JDKs that let the server
            // write exact header names can satisfy it (see OssHandler.EXACT_HEADER_NAMES)
            assertThat(head.getUserMetadata()).containsEntry("author", "alice");
        }
        assertThat(head.getObjectType()).isEqualTo("Normal");
        assertThat(head.getServerCRC()).isEqualTo(Crc64.of(small));
        assertThat(server.object(BUCKET, KEY_WITH_EVERYTHING).orElseThrow().bytes()).isEqualTo(small);
    }

    @Test
    void putObject_storageClassAndAclTheSdkWay_storedAndTheStorageClassComesBackOnHead() {
        OSS oss = client(SignVersion.V4, "STS.old", "sts-secret", "old-token", 0);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader(OSSHeaders.STORAGE_CLASS, StorageClass.IA);
        meta.setObjectAcl(CannedAccessControlList.PublicRead);

        oss.putObject(BUCKET, "classes/ia.bin", new ByteArrayInputStream(new byte[10]), meta);

        assertThat(oss.getObjectMetadata(BUCKET, "classes/ia.bin").getObjectStorageClass()).isEqualTo(StorageClass.IA);
        OssObject stored = server.object(BUCKET, "classes/ia.bin").orElseThrow();
        assertThat(stored.storageClass()).isEqualTo("IA");
        assertThat(stored.acl()).isEqualTo("public-read");
    }

    @Test
    void completeMultipartUpload_aclOnTheCompletionTheSdkWay_winsOverNone() {
        OSS oss = client(SignVersion.V1, "ak", "sk", null, 0);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader(OSSHeaders.STORAGE_CLASS, StorageClass.ColdArchive);
        String uploadId = oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "mp/cold.bin", meta))
                .getUploadId();
        UploadPartRequest part = new UploadPartRequest(BUCKET, "mp/cold.bin", uploadId, 1,
                new ByteArrayInputStream(new byte[100]), 100);
        PartETag etag = oss.uploadPart(part).getPartETag();
        CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(BUCKET, "mp/cold.bin", uploadId,
                new ArrayList<>(List.of(etag)));
        complete.setObjectACL(CannedAccessControlList.Private);

        oss.completeMultipartUpload(complete);

        OssObject stored = server.object(BUCKET, "mp/cold.bin").orElseThrow();
        assertThat(stored.storageClass()).isEqualTo("ColdArchive");
        assertThat(stored.acl()).isEqualTo("private");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x-oss-storage-class", "x-oss-object-acl"})
    void putObject_unknownStorageClassOrAcl_isInvalidArgumentAndStoresNothing(String header) {
        OSS oss = client(SignVersion.V4, "ak", "sk", null, 0);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader(header, "Glacier");

        assertThatThrownBy(() -> oss.putObject(BUCKET, "bad/" + header, new ByteArrayInputStream(new byte[10]), meta))
                .isInstanceOfSatisfying(OSSException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.getErrorMessage()).contains(header).contains("Glacier");
                });
        assertThat(server.object(BUCKET, "bad/" + header)).isEmpty();
    }

    @Test
    void getObjectMetadata_missingKey_isNoSuchKeyFromTheHeaderOnlyError() {
        OSS oss = client(SignVersion.V1, "ak", "sk", null, 0);

        assertThatThrownBy(() -> oss.getObjectMetadata(BUCKET, "missing"))
                .isInstanceOfSatisfying(OSSException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
                    assertThat(e.getRequestId()).hasSize(24);
                });
    }

    @ParameterizedTest(name = "signature {0}")
    @ValueSource(strings = {"V1", "V4"})
    void putObject_wrongSecret_isSignatureDoesNotMatch(String version) {
        OSS oss = client(SignVersion.valueOf(version), "ak", "not-the-secret", null, 0);

        assertThatThrownBy(() -> oss.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[10])))
                .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch"));
        assertThat(server.object(BUCKET, "k")).isEmpty();
    }

    @Test
    void uploadFile_wrongSecret_isSignatureDoesNotMatch() {
        OSS oss = client(SignVersion.V4, "ak", "not-the-secret", null, 0);

        assertThatThrownBy(() -> oss.uploadFile(uploadFileRequest("k", 3)))
                .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void putObject_unknownAccessKeyId_isInvalidAccessKeyId() {
        OSS oss = client(SignVersion.V1, "nobody", "sk", null, 0);

        assertThatThrownBy(() -> oss.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[10])))
                .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidAccessKeyId"));
    }

    @Test
    void putObject_afterTheTokenIsExpired_isSecurityTokenExpired() {
        OSS oss = client(SignVersion.V4, "STS.old", "sts-secret", "old-token", 0);
        oss.putObject(BUCKET, "before", new ByteArrayInputStream(new byte[10]));

        server.credentials().expire("STS.old");

        assertThatThrownBy(() -> oss.putObject(BUCKET, "after", new ByteArrayInputStream(new byte[10])))
                .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SecurityTokenExpired"));
        assertThat(server.object(BUCKET, "after")).isEmpty();
    }

    @Test
    void uploadFile_tokenExpiresAfterTwoParts_failsUntilANewCredentialSetIsUsed() throws Throwable {
        server.faults().expireTokenAfterParts(2);
        OSS old = client(SignVersion.V1, "STS.old", "sts-secret", "old-token", 0);

        assertThatThrownBy(() -> old.uploadFile(uploadFileRequest("expiring.mp4", 1)))
                .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SecurityTokenExpired"));
        assertThat(server.credentials().isActive("STS.old")).isFalse();

        server.credentials().add(OssCredentials.sts("STS.new", "new-secret", "new-token"));
        OSS refreshed = client(SignVersion.V1, "STS.new", "new-secret", "new-token", 0);
        UploadFileResult result = refreshed.uploadFile(uploadFileRequest("expiring.mp4", 3));

        assertStoredMultipartEqualsFile("expiring.mp4", result);
    }

    @Test
    void uploadFile_injected503OnAPart_theSdkRetriesAndSucceeds() throws Throwable {
        server.faults().failOn(OssOperation.UPLOAD_PART, 3, 503, "ServiceUnavailable");
        OSS oss = client(SignVersion.V4, "ak", "sk", null, 1);

        UploadFileResult result = oss.uploadFile(uploadFileRequest("retried.mp4", 3));

        assertStoredMultipartEqualsFile("retried.mp4", result);
        assertThat(server.stats().requests(OssOperation.UPLOAD_PART)).isEqualTo(9);
    }
}
