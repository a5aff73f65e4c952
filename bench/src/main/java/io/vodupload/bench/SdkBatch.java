package io.vodupload.bench;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.model.UploadFileRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The alternative {@link BatchBenchmark} compares a batch with: aliyun-sdk-oss's {@code uploadFile} for
 * every file of a directory, from a thread pool as wide as the batch's files in flight, in a fresh JVM (as a
 * user's own batch program would run). One {@code OSS} client for all, CRC check on, checkpoints off.
 *
 * <pre>
 * java -cp benchmarks.jar io.vodupload.bench.SdkBatch ENDPOINT BUCKET REGION DIR KEY_PREFIX THREADS PART_SIZE TASK_NUM
 * </pre>
 * The AccessKey comes from {@code VODUPLOAD_ACCESS_KEY_ID} / {@code VODUPLOAD_ACCESS_KEY_SECRET}. Prints
 * {@code ok FILES BYTES} and exits 0, or exits 1 naming the first file that failed.
 */
public final class SdkBatch {

    private SdkBatch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: SdkBatch ENDPOINT BUCKET REGION DIR KEY_PREFIX THREADS PART_SIZE TASK_NUM");
            System.exit(2);
        }
        String endpoint = args[0];
        String bucket = args[1];
        String region = args[2];
        Path dir = Path.of(args[3]);
        String prefix = args[4];
        int threads = Integer.parseInt(args[5]);
        long partSize = Long.parseLong(args[6]);
        int taskNum = Integer.parseInt(args[7]);
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setCrcCheckEnabled(true);
        OSS oss = OSSClientBuilder.create()
                .endpoint(endpoint)
                .credentialsProvider(new DefaultCredentialProvider(System.getenv("VODUPLOAD_ACCESS_KEY_ID"),
                        System.getenv("VODUPLOAD_ACCESS_KEY_SECRET")))
                .clientConfiguration(conf)
                .region(region)
                .build();
        List<Path> files = filesOf(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> upload(oss, bucket, prefix + dir.relativize(file).toString().replace('\\', '/'),
                        file, partSize, taskNum)));
            }
            long bytes = 0;
            for (int i = 0; i < results.size(); i++) {
                try {
                    bytes += results.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    System.err.println("SdkBatch: " + files.get(i) + " failed: " + e.getCause());
                    System.exit(1);
                }
            }
            System.out.println("ok " + files.size() + " " + bytes);
        } finally {
            pool.shutdownNow();
            oss.shutdown();
        }
    }

    private static long upload(OSS oss, String bucket, String key, Path file, long partSize, int taskNum)
            throws Exception {
        UploadFileRequest request = new UploadFileRequest(bucket, key);
        request.setUploadFile(file.toString());
        request.setPartSize(partSize);
        request.setTaskNum(taskNum);
        request.setEnableCheckpoint(false);
        try {
            oss.uploadFile(request);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return Files.size(file);
    }

    static List<Path> filesOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
