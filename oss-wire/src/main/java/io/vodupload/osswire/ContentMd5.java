package io.vodupload.osswire;

import io.vodupload.ports.PartBody;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code Content-MD5} of a body, computed by a pass over its file region <em>before</em> the body is
 * sent. OSS (and every store that honours the header) refuses a body whose MD5 differs with
 * {@code 400 InvalidDigest} or {@code BadDigest}, and keeps the object that was there: so a file
 * overwritten while it is being sent can never replace a good object with mixed bytes. Every transport
 * sends its PutObject bodies with it, and its UploadPart bodies until the bucket has answered a part with
 * its CRC-64 ({@link PartDigests}); the local and in-memory stores check it the same way.
 *
 * <p>The price is one more read of the region (from the page cache, usually), before the request.
 *
 * <p>Pure and thread-safe.
 */
public final class ContentMd5 {

    /** The header, as OSS spells it. */
    public static final String HEADER = "Content-MD5";

    /** The error codes with which a store refuses a body whose MD5 is not the one announced. */
    public static final Set<String> DIGEST_ERROR_CODES = Set.of("InvalidDigest", "BadDigest");

    private ContentMd5() {
    }

    /**
     * The base64 MD5 of {@code region}'s bytes as the file (or the memory body) holds them now.
     *
     * @throws RegionBody.LocalFileException when the file cannot be read or ends before the region does
     */
    public static String of(PartBody region) throws RegionBody.LocalFileException {
        Objects.requireNonNull(region, "region");
        MessageDigest md5 = newDigest();
        try (RegionBody body = RegionBody.open(region, TransferListener.NONE)) {
            byte[] buffer = new byte[RegionBody.BUFFER_SIZE];
            int n;
            while ((n = body.read(buffer, 0, buffer.length)) > 0) {
                md5.update(buffer, 0, n);
            }
        } catch (RegionBody.LocalFileException e) {
            throw e;
        } catch (IOException e) {
            throw new RegionBody.LocalFileException("cannot read " + region.describe() + ": " + e, e);
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    /** A fresh MD5 digest (every JDK has one). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** The lower-case hex spelling of a base64 MD5: what a PutObject's ETag is on OSS. */
    public static String hex(String base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }

    /**
     * Whether {@code etag} (quotes removed) is the MD5 given in base64: a PutObject's ETag on OSS and on
     * every S3-like store is the hex MD5 of the body stored.
     */
    public static boolean matchesEtag(String base64, String etag) {
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return hex(base64).equals(e.toLowerCase(Locale.ROOT));
    }
}
