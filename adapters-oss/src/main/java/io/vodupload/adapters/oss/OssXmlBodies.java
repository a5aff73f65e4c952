package io.vodupload.adapters.oss;

import io.vodupload.ports.Crc64;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What SDK1 3.18.5 reads from response bodies but does not keep: each part's {@code HashCrc64ecma} in a
 * {@code ListPartsResult} ({@code PartSummary} has no CRC), and the {@code <Error>} that OSS may send
 * with status 200 for CompleteMultipartUpload. Uses the JDK's StAX parser with DTDs and external
 * entities off.
 *
 * <p>Stateless and thread-safe.
 */
final class OssXmlBodies {

    private static final XMLInputFactory FACTORY = newFactory();

    private OssXmlBodies() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    private static XMLStreamReader reader(byte[] body) throws XMLStreamException {
        synchronized (FACTORY) {
            return FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
        }
    }

    private static void closeQuietly(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing is held but the byte array
            }
        }
    }

    /**
     * Part number to CRC-64 for every {@code Part} of a {@code ListPartsResult} that has both; parts
     * without a (valid) CRC are left out, and a body that is not XML gives an empty map (the parts then
     * simply carry no CRC).
     */
    static Map<Integer, Long> partCrcs(byte[] body) {
        Map<Integer, Long> crcs = new HashMap<>();
        XMLStreamReader r = null;
        try {
            r = reader(body);
            Integer number = null;
            String crc = null;
            int depth = 0;
            int partDepth = -1;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (name.equals("Part") && depth == 2) {
                        partDepth = depth;
                        number = null;
                        crc = null;
                    } else if (partDepth > 0 && depth == partDepth + 1) {
                        if (name.equals("PartNumber")) {
                            number = Integer.valueOf(r.getElementText().trim());
                            depth--;
                        } else if (name.equals("HashCrc64ecma")) {
                            crc = r.getElementText().trim();
                            depth--;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == partDepth) {
                        if (number != null && crc != null && !crc.isEmpty()) {
                            crcs.put(number, Crc64.parseUnsigned(crc));
                        }
                        partDepth = -1;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            return Map.of();
        } finally {
            closeQuietly(r);
        }
        return crcs;
    }

    /**
     * The leaf elements of an {@code <Error>} document ({@code Code}, {@code Message}, {@code RequestId},
     * {@code EC}, ...), or empty when the body is not one.
     */
    static Optional<Map<String, String>> errorFields(byte[] body) {
        XMLStreamReader r = null;
        try {
            r = reader(body);
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog
            }
            if (!r.isStartElement() || !r.getLocalName().equals("Error")) {
                return Optional.empty();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    try {
                        fields.put(name, r.getElementText().trim());
                    } catch (XMLStreamException notALeaf) {
                        return Optional.of(fields);
                    }
                }
            }
            return Optional.of(fields);
        } catch (XMLStreamException e) {
            return Optional.empty();
        } finally {
            closeQuietly(r);
        }
    }
}
