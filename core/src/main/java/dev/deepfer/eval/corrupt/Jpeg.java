package dev.deepfer.eval.corrupt;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEG re-encoding of a grey face with the JDK's baseline encoder, in memory. */
final class Jpeg {
    private Jpeg() {
    }

    /** Parameter: quality 1..100 (the libjpeg scale). */
    static float[] recompress(float[] image, int size, double[] params, Random rng) {
        BufferedImage grey = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < raster.length; i++) {
            raster[i] = (byte) Math.max(0, Math.min(255, Math.round(image[i])));
        }
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(encode(grey, (float) (params[0] / 100))));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG round trip failed", e);
        }
        float[] out = new float[image.length];
        decoded.getRaster().getSamples(0, 0, size, size, 0, out);
        return out;
    }

    private static byte[] encode(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
