package io.vodupload.testkit.oss;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks a request's {@code Authorization} header (V1 or V4), its time and its STS token against the
 * configured credential sets, answering the way OSS does. Never relaxes a check: a request passes only
 * when the signature recomputed here equals the one sent. Thread-safe.
 */
final class Authenticator {

    /** What a successful check established. */
    record Result(OssCredentialStore.Entry entry, String version) {
    }

    static final String REDACTED = "<redacted>";

    private final OssCredentialStore store;
    private final Supplier<Instant> now;
    private final String region;
    private final Duration maxSkew;

    Authenticator(OssCredentialStore store, Supplier<Instant> now, String region, Duration maxSkew) {
        this.store = store;
        this.now = now;
        this.region = region;
        this.maxSkew = maxSkew;
    }

    /**
     * @throws OssError AccessDenied (anonymous, no valid date), InvalidArgument (malformed header or V4
     *                  scope), InvalidAccessKeyId, RequestTimeTooSkewed, InvalidSecurityToken,
     *                  SecurityTokenExpired or SignatureDoesNotMatch
     */
    Result authenticate(OssRequest request) {
        Optional<String> authorization = request.header("authorization").map(String::trim);
        if (authorization.isEmpty() || authorization.get().isEmpty()) {
            if (request.hasParam("OSSAccessKeyId") || request.hasParam("x-oss-signature")) {
                throw OssError.accessDenied("Presigned URLs are not supported by the testkit OSS server; sign the Authorization header.");
            }
            throw OssError.accessDenied("You have no right to access this object because of bucket acl.");
        }
        String auth = authorization.get();
        if (auth.startsWith(OssSignatures.V4_ALGORITHM + " ")) {
            return v4(request, auth.substring(OssSignatures.V4_ALGORITHM.length() + 1).trim());
        }
        if (auth.startsWith("OSS ")) {
            return v1(request, auth.substring(4).trim());
        }
        throw OssError.invalidArgument("Authorization header is invalid: unknown signature scheme.");
    }

    private Result v1(OssRequest request, String credentialAndSignature) {
        int colon = credentialAndSignature.indexOf(':');
        if (colon <= 0 || colon == credentialAndSignature.length() - 1) {
            throw OssError.invalidArgument("Authorization header is invalid: expected 'OSS <AccessKeyId>:<Signature>'.");
        }
        String accessKeyId = credentialAndSignature.substring(0, colon);
        String provided = credentialAndSignature.substring(colon + 1);
        List<OssCredentialStore.Entry> candidates = candidates(accessKeyId);

        String dateHeader = request.header("date").or(() -> request.header("x-oss-date"))
                .orElseThrow(() -> OssError.accessDenied("OSS authentication requires a valid Date."));
        Instant requestTime;
        try {
            requestTime = OssCodec.HTTP_DATE.parse(dateHeader.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            throw OssError.accessDenied("OSS authentication requires a valid Date (RFC 1123 with a two-digit day), got: " + dateHeader);
        }
        checkSkew(requestTime);
        OssCredentialStore.Entry entry = matchToken(request, candidates);

        String stringToSign = OssSignatures.v1StringToSign(request);
        String expected = OssSignatures.v1Signature(entry.credentials.accessKeySecret(), stringToSign);
        if (!OssSignatures.constantTimeEquals(expected, provided)) {
            Map<String, String> fields = new LinkedHashMap<>();
            String shown = redact(stringToSign, entry);
            fields.put("StringToSign", shown);
            fields.put("StringToSignBytes", bytesOf(shown));
            fields.put("SignatureProvided", provided);
            fields.put("OSSAccessKeyId", accessKeyId);
            throw signatureMismatch(fields);
        }
        return new Result(entry, "V1");
    }

    private Result v4(OssRequest request, String fieldsText) {
        String credential = null;
        String additional = null;
        String provided = null;
        for (String part : fieldsText.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw OssError.invalidArgument("Authorization header is invalid: field without '=': " + p);
            }
            String name = p.substring(0, eq);
            String value = p.substring(eq + 1);
            if (name.equals("Credential")) {
                credential = value;
            } else if (name.equals("AdditionalHeaders")) {
                additional = value;
            } else if (name.equals("Signature")) {
                provided = value;
            } else {
                throw OssError.invalidArgument("Authorization header is invalid: unknown field " + name);
            }
        }
        if (credential == null || provided == null || provided.isEmpty()) {
            throw OssError.invalidArgument("Authorization header is invalid: Credential and Signature are required.");
        }
        if (additional != null && additional.isEmpty()) {
            throw new OssError(400, "InvalidArgument", "Invalid AdditionalHeaders: the field is present but empty.",
                    "0002-00000209", Map.of());
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty()) {
            throw OssError.invalidArgument("Invalid credential in Authorization header: expected <AccessKeyId>/<date>/<region>/oss/aliyun_v4_request.");
        }
        String accessKeyId = scope[0];
        List<OssCredentialStore.Entry> candidates = candidates(accessKeyId);

        String ossDate = request.header("x-oss-date")
                .orElseThrow(() -> OssError.accessDenied("OSS V4 authentication requires the x-oss-date header."))
                .trim();
        Instant requestTime;
        try {
            requestTime = OssCodec.ISO_BASIC.parse(ossDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw OssError.accessDenied("OSS V4 authentication requires x-oss-date as yyyyMMdd'T'HHmmss'Z', got: " + ossDate);
        }
        checkSkew(requestTime);
        if (!scope[1].equals(ossDate.substring(0, 8))) {
            throw OssError.invalidArgument("Invalid signing date in Authorization header: " + scope[1] + " is not the day of x-oss-date " + ossDate + ".");
        }
        if (!scope[2].equals(region)) {
            throw OssError.invalidArgument("Invalid signing region in Authorization header: " + scope[2] + ", this server is " + region + ".");
        }
        if (!scope[3].equals(OssSignatures.V4_PRODUCT) || !scope[4].equals(OssSignatures.V4_TERMINATOR)) {
            throw OssError.invalidArgument("Invalid credential scope in Authorization header: " + scope[3] + "/" + scope[4] + ".");
        }
        String payload = request.header("x-oss-content-sha256").map(String::trim).orElse("");
        if (!payload.equals(OssSignatures.UNSIGNED_PAYLOAD)) {
            throw OssError.invalidArgument("OSS V4 authentication requires x-oss-content-sha256: UNSIGNED-PAYLOAD, got: '" + payload + "'.");
        }
        OssCredentialStore.Entry entry = matchToken(request, candidates);

        SortedSet<String> additionalHeaders = new TreeSet<>();
        if (additional != null) {
            for (String h : additional.split(";")) {
                additionalHeaders.add(h.trim().toLowerCase(Locale.ROOT));
            }
        }
        String canonicalRequest = OssSignatures.v4CanonicalRequest(request, additionalHeaders);
        String scopeText = OssSignatures.v4Scope(scope[1], scope[2]);
        String stringToSign = OssSignatures.v4StringToSign(ossDate, scopeText, canonicalRequest);
        byte[] key = OssSignatures.v4SigningKey(entry.credentials.accessKeySecret(), scope[1], scope[2]);
        String expected = OssSignatures.v4Signature(key, stringToSign);
        if (!OssSignatures.constantTimeEquals(expected, provided)) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("StringToSign", stringToSign);
            fields.put("CanonicalRequest", redact(canonicalRequest, entry));
            fields.put("SignatureProvided", provided);
            fields.put("OSSAccessKeyId", accessKeyId);
            throw signatureMismatch(fields);
        }
        return new Result(entry, "V4");
    }

    private List<OssCredentialStore.Entry> candidates(String accessKeyId) {
        List<OssCredentialStore.Entry> found = store.find(accessKeyId);
        if (found.isEmpty()) {
            throw new OssError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.",
                    null, Map.of("OSSAccessKeyId", accessKeyId));
        }
        return found;
    }

    private void checkSkew(Instant requestTime) {
        Instant serverTime = now.get();
        if (Duration.between(requestTime, serverTime).abs().compareTo(maxSkew) > 0) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("RequestTime", OssCodec.isoMillis(requestTime));
            fields.put("ServerTime", OssCodec.isoMillis(serverTime));
            fields.put("MaxAllowedSkewMilliseconds", Long.toString(maxSkew.toMillis()));
            throw new OssError(403, "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.", null, fields);
        }
    }

    /** The set whose token is the one the request carries (or the token-less set when it carries none). */
    private OssCredentialStore.Entry matchToken(OssRequest request, List<OssCredentialStore.Entry> candidates) {
        Optional<String> token = request.header("x-oss-security-token").map(String::trim).filter(t -> !t.isEmpty());
        OssCredentialStore.Entry match = null;
        for (OssCredentialStore.Entry e : candidates) {
            if (e.credentials.securityToken().equals(token)) {
                match = e;
                break;
            }
        }
        if (match == null) {
            String why = token.isPresent()
                    ? "The security token you provided is invalid."
                    : "The security token you provided is invalid: this AccessKeyId needs x-oss-security-token.";
            throw new OssError(403, "InvalidSecurityToken", why, "0002-00000006", Map.of());
        }
        if (match.expired || match.credentials.expiration().map(exp -> !now.get().isBefore(exp)).orElse(false)) {
            throw securityTokenExpired();
        }
        return match;
    }

    static OssError securityTokenExpired() {
        return new OssError(403, "SecurityTokenExpired", "The security token you provided has expired.",
                "0002-00000007", Map.of());
    }

    private static OssError signatureMismatch(Map<String, String> fields) {
        return new OssError(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                null, fields);
    }

    /** The error body echoes the canonical text; the STS token in it is replaced, so it never reaches logs. */
    private static String redact(String text, OssCredentialStore.Entry entry) {
        Optional<String> token = entry.credentials.securityToken();
        return token.isPresent() ? text.replace(token.get(), REDACTED) : text;
    }

    private static String bytesOf(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
