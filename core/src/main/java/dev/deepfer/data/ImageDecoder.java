package dev.deepfer.data;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import dev.deepfer.data.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted image bytes (uploads, photos from disk) with guards: the byte count and the
 * pixel count declared in the header are checked before any pixel is decoded, so a
 * decompression bomb (a small PNG declaring 50,000 x 50,000 pixels) is rejected without allocating
 * its raster. Every failure is an {@link ImageDecodeException} whose reason is stable and whose
 * message names the image. The result is turned upright per its EXIF orientation (read with
 * metadata-extractor; absent or unreadable EXIF means upright).
 *
 * <p>Formats are those of {@code javax.imageio} (PNG, JPEG, BMP, GIF, WBMP, TIFF). A JPEG whose
 * data ends early makes libjpeg warn "Premature end of JPEG file" and fill the rest with grey; that
 * warning is turned into {@link Reason#TRUNCATED_OR_CORRUPT} rather than returning a half image.
 * Instances are immutable and thread-safe.
 */
public final class ImageDecoder {
    /**
     * Default pixel limit: 40 megapixels (a 7,300 x 5,500 photo; 160 MB as ARGB). The decoded
     * raster is held to the same bytes: {@code maxPixels} pixels of {@value #RASTER_BYTES_PER_PIXEL}
     * bytes, so images of deeper pixels (a 16-bit RGBA PNG has 8 bytes) may have fewer.
     */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    /** Bytes per pixel the pixel limit allows for the decoded raster. */
    public static final int RASTER_BYTES_PER_PIXEL = 4;
    /** Default byte limit: 50 MiB. */
    public static final long DEFAULT_MAX_BYTES = 50L << 20;

    private final long maxPixels;
    private final long maxBytes;

    /** A decoder with the default limits. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
    }

    /** A decoder that rejects images over {@code maxPixels} pixels or {@code maxBytes} bytes. */
    public ImageDecoder(long maxPixels, long maxBytes) {
        if (maxPixels <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive, got maxPixels=" + maxPixels
                    + ", maxBytes=" + maxBytes);
        }
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    /** The pixel limit. */
    public long maxPixels() {
        return maxPixels;
    }

    /** The byte limit. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Reads and decodes a file; the size is checked before the file is read. */
    public DecodedImage decode(Path file) throws ImageDecodeException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ImageDecodeException(Reason.UNREADABLE, name,
                    Files.isDirectory(file) ? "is a folder, not an image file" : "no such file");
        }
        try {
            checkByteCount(Files.size(file), name);
            return decode(Files.readAllBytes(file), name);
        } catch (IOException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, "cannot read the file: " + e, e);
        }
    }

    /**
     * Decodes {@code bytes}, naming the image {@code name} in errors.
     *
     * @throws ImageDecodeException when the bytes are empty, too many, not an image format this JVM
     *     reads, declare too many pixels, or are truncated or damaged
     */
    public DecodedImage decode(byte[] bytes, String name) throws ImageDecodeException {
        if (bytes.length == 0) {
            throw new ImageDecodeException(Reason.EMPTY, name, "the file is empty (0 bytes)");
        }
        checkByteCount(bytes.length, name);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, name,
                        "not an image format this program reads (PNG, JPEG, BMP, GIF or TIFF expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return read(reader, bytes, name);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageDecodeException(Reason.TRUNCATED_OR_CORRUPT, name, "cannot read the image: " + e, e);
        }
    }

    private DecodedImage read(ImageReader reader, byte[] bytes, String name) throws ImageDecodeException {
        String format = formatName(reader);
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, format, "header", e);
        }
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(Reason.TRUNCATED_OR_CORRUPT, name,
                    "the " + format + " header declares " + width + "x" + height + " pixels");
        }
        if (pixels > maxPixels) {
            throw new ImageDecodeException(Reason.TOO_MANY_PIXELS, name, String.format(Locale.ROOT,
                    "the %s header declares %,d x %,d = %,d pixels, over the limit of %,d", format, width,
                    height, pixels, maxPixels));
        }
        int bytesPerPixel = bytesPerPixel(reader);
        if (pixels * bytesPerPixel > maxPixels * RASTER_BYTES_PER_PIXEL) {
            throw new ImageDecodeException(Reason.TOO_MANY_PIXELS, name, String.format(Locale.ROOT,
                    "the %s header declares %,d x %,d pixels of %d bytes: %,d bytes decoded, over the limit of %,d "
                            + "(%,d pixels of %d bytes)", format, width, height, bytesPerPixel, pixels * bytesPerPixel,
                    maxPixels * RASTER_BYTES_PER_PIXEL, maxPixels, RASTER_BYTES_PER_PIXEL));
        }
        TruncationWatch watch = new TruncationWatch();
        reader.addIIOReadWarningListener(watch);
        BufferedImage img;
        try {
            img = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, format, "pixel data", e);
        }
        if (watch.warning != null) {
            throw new ImageDecodeException(Reason.TRUNCATED_OR_CORRUPT, name,
                    "the " + format + " data is cut short (" + watch.warning + ")");
        }
        ExifOrientation orientation = orientation(bytes);
        return new DecodedImage(orientation.apply(img), width, height, format, orientation);
    }

    /** Bytes per decoded pixel, from the image's raw type (4 when the reader cannot say). */
    private static int bytesPerPixel(ImageReader reader) {
        try {
            javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
            if (raw != null) {
                int bits = 0;
                for (int size : raw.getSampleModel().getSampleSize()) {
                    bits += size;
                }
                return Math.max(1, (bits + 7) / 8);
            }
        } catch (IOException | RuntimeException e) {
            // the read that follows reports a damaged header
        }
        return RASTER_BYTES_PER_PIXEL;
    }

    private void checkByteCount(long count, String name) throws ImageDecodeException {
        if (count > maxBytes) {
            throw new ImageDecodeException(Reason.TOO_LARGE, name, String.format(Locale.ROOT,
                    "%,d bytes, over the limit of %,d", count, maxBytes));
        }
    }

    private static ImageDecodeException corrupt(String name, String format, String part, Exception e) {
        String message = String.valueOf(e.getMessage());
        Reason reason = message.startsWith("Unsupported") ? Reason.UNSUPPORTED_FORMAT : Reason.TRUNCATED_OR_CORRUPT;
        String what = reason == Reason.UNSUPPORTED_FORMAT ? "unsupported " + format + " variant" : "damaged or truncated "
                + format + " " + part;
        return new ImageDecodeException(reason, name, what + ": " + message, e);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /** The EXIF orientation, {@link ExifOrientation#NORMAL} when there is none or it cannot be parsed. */
    static ExifOrientation orientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return ExifOrientation.NORMAL;
            }
            return ExifOrientation.fromTag(exif.getInt(ExifIFD0Directory.TAG_ORIENTATION));
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException e) {
            // The pixels decoded; metadata the library cannot parse only means "no orientation".
            return ExifOrientation.NORMAL;
        }
    }

    /** Remembers libjpeg's "Premature end of JPEG file" (and similar) warnings. */
    private static final class TruncationWatch implements IIOReadWarningListener {
        private String warning;

        @Override
        public void warningOccurred(ImageReader source, String message) {
            if (warning == null && message != null && message.toLowerCase(Locale.ROOT).contains("premature end")) {
                warning = message;
            }
        }
    }
}
