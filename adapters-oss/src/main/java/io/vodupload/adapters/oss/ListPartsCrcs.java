package io.vodupload.adapters.oss;

import io.vodupload.ports.Crc64;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads each part's {@code HashCrc64ecma} from a {@code ListPartsResult} body, which SDK1 3.18.5 parses
 * but does not keep ({@code PartSummary} has no CRC). Uses the JDK's StAX parser with DTDs and external
 * entities off.
 *
 * <p>Stateless and thread-safe.
 */
final class ListPartsCrcs {

    private static final XMLInputFactory FACTORY = newFactory();

    private ListPartsCrcs() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /**
     * Part number to CRC-64 for every {@code Part} that has both; parts without a (valid) CRC are left
     * out, and a body that is not XML gives an empty map (the parts then simply carry no CRC).
     */
    static Map<Integer, Long> parse(byte[] body) {
        Map<Integer, Long> crcs = new HashMap<>();
        XMLStreamReader r = null;
        try {
            synchronized (FACTORY) {
                r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            }
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
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the byte array
                }
            }
        }
        return crcs;
    }
}
