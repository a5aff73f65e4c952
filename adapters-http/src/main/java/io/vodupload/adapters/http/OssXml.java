package io.vodupload.adapters.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.vodupload.ports.PartReceipt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The OSS XML documents the adapter reads and writes, through Jackson. Thread-safe: the mapper is
 * configured once and only used afterwards. Jackson's XML factory leaves DTDs and external entities off.
 */
final class OssXml {

    private static final XmlMapper MAPPER = XmlMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private OssXml() {
    }

    /** {@code InitiateMultipartUploadResult}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class InitiateResult {
        @JsonProperty("Bucket") public String bucket;
        @JsonProperty("Key") public String key;
        @JsonProperty("UploadId") public String uploadId;
    }

    /** {@code ListPartsResult}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class ListPartsResult {
        @JsonProperty("IsTruncated") public boolean isTruncated;
        @JsonProperty("NextPartNumberMarker") public String nextPartNumberMarker;
        @JsonProperty("Part")
        @JacksonXmlElementWrapper(useWrapping = false)
        public List<Part> parts = new ArrayList<>();
    }

    /** A {@code Part} of {@code ListPartsResult}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Part {
        @JsonProperty("PartNumber") public int partNumber;
        @JsonProperty("ETag") public String etag;
        @JsonProperty("Size") public long size;
        @JsonProperty("HashCrc64ecma") public String hashCrc64ecma;
    }

    /** {@code CompleteMultipartUploadResult}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class CompleteResult {
        @JsonProperty("ETag") public String etag;
        @JsonProperty("Bucket") public String bucket;
        @JsonProperty("Key") public String key;
        @JsonProperty("Location") public String location;
    }

    /** The {@code CompleteMultipartUpload} request body. */
    @JacksonXmlRootElement(localName = "CompleteMultipartUpload")
    static final class CompleteRequest {
        @JacksonXmlProperty(localName = "Part")
        @JacksonXmlElementWrapper(useWrapping = false)
        public List<CompletePart> parts = new ArrayList<>();
    }

    /** A {@code Part} of the {@code CompleteMultipartUpload} request body. */
    static final class CompletePart {
        @JacksonXmlProperty(localName = "PartNumber") public int partNumber;
        @JacksonXmlProperty(localName = "ETag") public String etag;

        CompletePart(int partNumber, String etag) {
            this.partNumber = partNumber;
            this.etag = etag;
        }
    }

    static <T> T read(byte[] body, Class<T> type) throws IOException {
        return MAPPER.readValue(body, type);
    }

    /**
     * The Complete request body: parts in the order given (the caller sorts them), each ETag in double
     * quotes as OSS returned it.
     */
    static byte[] completeBody(List<PartReceipt> parts) {
        CompleteRequest request = new CompleteRequest();
        for (PartReceipt part : parts) {
            request.parts.add(new CompletePart(part.partNumber(), "\"" + part.etag() + "\""));
        }
        try {
            return MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the CompleteMultipartUpload body", e);
        }
    }

    /** The local name of the document's root element, empty when the bytes are not XML. */
    static Optional<String> rootElement(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        XMLStreamReader reader = null;
        try {
            reader = MAPPER.getFactory().getXMLInputFactory().createXMLStreamReader(new ByteArrayInputStream(body));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    return Optional.of(reader.getLocalName());
                }
            }
            return Optional.empty();
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing to release
                }
            }
        }
    }

    /**
     * The leaf fields of an OSS {@code Error} document ({@code Code}, {@code Message}, {@code RequestId},
     * {@code EC}, {@code ServerTime}, ...), in document order; empty when the bytes are not an error
     * document.
     */
    static Map<String, String> errorFields(byte[] body) {
        if (!rootElement(body).map("Error"::equals).orElse(false)) {
            return Map.of();
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getValue().isValueNode()) {
                    fields.put(e.getKey(), e.getValue().asText());
                }
            }
            return fields;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
