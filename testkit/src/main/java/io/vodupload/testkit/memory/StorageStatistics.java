package io.vodupload.testkit.memory;

import io.vodupload.testkit.StorageFaults.Operation;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link InMemoryObjectStorage} has seen, as an immutable snapshot.
 *
 * @param requests                 requests per operation, failed ones included
 * @param partAttempts             UploadPart requests per part number, failed ones included
 * @param partsStored              UploadPart requests per part number that stored the part
 * @param bytesReceived            body bytes read from files, by every request (partial ones included)
 * @param maxConcurrentPartUploads the most UploadPart/PutObject bodies streaming at once
 */
public record StorageStatistics(Map<Operation, Integer> requests, Map<Integer, Integer> partAttempts,
                                Map<Integer, Integer> partsStored, long bytesReceived,
                                int maxConcurrentPartUploads) {

    public StorageStatistics {
        Objects.requireNonNull(requests, "requests");
        requests = Map.copyOf(requests);
        partAttempts = java.util.Collections.unmodifiableMap(new TreeMap<>(partAttempts));
        partsStored = java.util.Collections.unmodifiableMap(new TreeMap<>(partsStored));
    }

    /** Requests of {@code operation}. */
    public int requests(Operation operation) {
        return requests.getOrDefault(operation, 0);
    }

    /** UploadPart requests for {@code partNumber}. */
    public int partAttempts(int partNumber) {
        return partAttempts.getOrDefault(partNumber, 0);
    }

    /** Times part {@code partNumber} was stored. */
    public int partsStored(int partNumber) {
        return partsStored.getOrDefault(partNumber, 0);
    }

    /** Parts stored, over all part numbers. */
    public int totalPartsStored() {
        return partsStored.values().stream().mapToInt(Integer::intValue).sum();
    }
}
