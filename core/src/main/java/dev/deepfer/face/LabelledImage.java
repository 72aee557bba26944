package dev.deepfer.face;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A photo with its hand-labelled face boxes, as listed in dlib's image-metadata XML
 * ({@code <image file='a.jpg'><box top='90' left='194' width='37' height='37'/></image>}; file
 * names relative to the XML's folder). An image with no boxes is a negative: every detection on it
 * is a false positive.
 *
 * @param file the photo
 * @param faces the labelled faces (scores are {@code NaN})
 */
public record LabelledImage(Path file, List<FaceBox> faces) {
    /** Copies the list. */
    public LabelledImage {
        faces = List.copyOf(faces);
    }

    /** A photo known to contain no human face. */
    public static LabelledImage negative(Path file) {
        return new LabelledImage(file, List.of());
    }

    /** Every {@code <image>} of a dlib metadata XML file. */
    public static List<LabelledImage> readDlibXml(Path xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList images = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("image");
            List<LabelledImage> out = new ArrayList<>();
            for (int i = 0; i < images.getLength(); i++) {
                Element image = (Element) images.item(i);
                NodeList boxes = image.getElementsByTagName("box");
                List<FaceBox> faces = new ArrayList<>();
                for (int j = 0; j < boxes.getLength(); j++) {
                    Element b = (Element) boxes.item(j);
                    faces.add(FaceBox.labelled(attribute(xml, b, "left"), attribute(xml, b, "top"),
                            attribute(xml, b, "width"), attribute(xml, b, "height")));
                }
                out.add(new LabelledImage(xml.resolveSibling(image.getAttribute("file")), faces));
            }
            return out;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(xml + ": not a dlib image-metadata XML file: " + e.getMessage(), e);
        }
    }

    private static int attribute(Path xml, Element box, String name) throws IOException {
        String value = box.getAttribute(name);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException(xml + ": box attribute " + name + "='" + value + "' is not an integer", e);
        }
    }
}
