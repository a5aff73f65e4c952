package io.vodupload.testkit.oss;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** The XML bodies the server reads and writes, with the JDK's StAX. Stateless and thread-safe. */
final class OssXml {

    /** One {@code <Part>} of a CompleteMultipartUpload body; {@code etag} without quotes. */
    record PartRef(int partNumber, String etag) {
    }

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = newSafeInputFactory();

    private OssXml() {
    }

    private static XMLInputFactory newSafeInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // no DTDs, no external entities: the body comes from the network
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Builds a document: a root element with children written by {@code body}. */
    interface Body {
        void write(Writer w) throws XMLStreamException;
    }

    /** A thin writer for leaf elements. */
    static final class Writer {
        private final XMLStreamWriter x;

        private Writer(XMLStreamWriter x) {
            this.x = x;
        }

        Writer leaf(String name, String text) throws XMLStreamException {
            x.writeStartElement(name);
            x.writeCharacters(text);
            x.writeEndElement();
            return this;
        }

        Writer start(String name) throws XMLStreamException {
            x.writeStartElement(name);
            return this;
        }

        Writer end() throws XMLStreamException {
            x.writeEndElement();
            return this;
        }
    }

    static byte[] document(String root, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter x = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement(root);
            body.write(new Writer(x));
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + root, e);
        }
        return out.toByteArray();
    }

    /** {@code <Error>} with Code, Message, RequestId, HostId, the extra fields, then EC and RecommendDoc. */
    static byte[] error(OssError e, String requestId, String hostId) {
        return document("Error", w -> {
            w.leaf("Code", e.code()).leaf("Message", e.getMessage()).leaf("RequestId", requestId).leaf("HostId", hostId);
            for (Map.Entry<String, String> f : e.fields().entrySet()) {
                w.leaf(f.getKey(), f.getValue());
            }
            if (e.ec().isPresent()) {
                w.leaf("EC", e.ec().get());
                w.leaf("RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + e.ec().get());
            }
        });
    }

    /**
     * Reads a CompleteMultipartUpload body: the {@code <Part>} elements in document order.
     *
     * @throws OssError 400 MalformedXML when the body is not that document
     */
    static List<PartRef> parseComplete(byte[] body) {
        List<PartRef> parts = new ArrayList<>();
        try {
            XMLStreamReader r = INPUT.createXMLStreamReader(new ByteArrayInputStream(body), "UTF-8");
            try {
                r.nextTag();
                if (!r.getLocalName().equals("CompleteMultipartUpload")) {
                    throw OssError.malformedXml("the root element is " + r.getLocalName() + ", not CompleteMultipartUpload");
                }
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!r.getLocalName().equals("Part")) {
                        throw OssError.malformedXml("unexpected element " + r.getLocalName());
                    }
                    Integer number = null;
                    String etag = null;
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        String text = r.getElementText().trim();
                        if (name.equals("PartNumber")) {
                            try {
                                number = Integer.parseInt(text);
                            } catch (NumberFormatException nfe) {
                                throw OssError.malformedXml("PartNumber is not an integer: " + text);
                            }
                        } else if (name.equals("ETag")) {
                            etag = unquote(text);
                        } else {
                            throw OssError.malformedXml("unexpected element Part/" + name);
                        }
                    }
                    if (number == null || etag == null) {
                        throw OssError.malformedXml("a Part needs PartNumber and ETag");
                    }
                    parts.add(new PartRef(number, etag));
                }
                while (r.hasNext()) {
                    r.next();
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw OssError.malformedXml(e.getMessage().replace('\n', ' '));
        }
        if (parts.isEmpty()) {
            throw OssError.malformedXml("no Part elements");
        }
        return parts;
    }

    static String unquote(String etag) {
        String t = etag.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
