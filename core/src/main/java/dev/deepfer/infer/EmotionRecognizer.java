package dev.deepfer.infer;

import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.FaceBox;
import dev.deepfer.face.FaceDetector;
import dev.deepfer.face.HaarFaceDetector;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public recognition API: image → faces → aligned 48x48 crops → one batched model call →
 * {@link FaceEmotion}s. Thread-safe (detector and aligner pool their OpenCV classifiers; the
 * model runs each call in its own NDManager scope). Owns and closes what it loads.
 */
public final class EmotionRecognizer implements AutoCloseable {
    private final LoadedModel model;
    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final ImageDecoder decoder;

    public EmotionRecognizer(LoadedModel model, FaceDetector detector, FaceAligner aligner, ImageDecoder decoder) {
        this.model = model;
        this.detector = detector;
        this.aligner = aligner;
        this.decoder = decoder;
    }

    /** The bundle in {@code dir} (member or ensemble) with the default Haar detector and aligner. */
    public static EmotionRecognizer load(Path dir) throws IOException {
        return load(dir, new HaarFaceDetector());
    }

    /**
     * The bundle in {@code dir} with the given face detector (e.g. a {@code YuNetFaceDetector}) and
     * the default aligner; the recogniser closes the detector. If the bundle fails to load, the
     * detector is closed before the exception propagates.
     */
    public static EmotionRecognizer load(Path dir, FaceDetector detector) throws IOException {
        LoadedModel m;
        try {
            m = Models.load(dir);
        } catch (IOException | RuntimeException e) {
            closeDetector(detector);
            throw e;
        }
        return new EmotionRecognizer(m, detector, new FaceAligner(), new ImageDecoder());
    }

    /** The bundled default model. */
    public static EmotionRecognizer loadDefault() throws IOException {
        return load(ModelBundle.defaultLocation());
    }

    public LoadedModel model() {
        return model;
    }

    /** Decodes (size-guarded, EXIF-upright) and recognises an encoded image. */
    public RecognitionResult recognize(byte[] encoded, String name) throws ImageDecodeException {
        DecodedImage img = decoder.decode(encoded, name);
        return new RecognitionResult(name, img.width(), img.height(), recognize(img.image()));
    }

    /**
     * Decodes and recognises with another detector than this recogniser's own, e.g. one with
     * {@link dev.deepfer.face.DetectorOptions#live()} for webcam frames; the caller owns it.
     */
    public RecognitionResult recognize(byte[] encoded, String name, FaceDetector faces) throws ImageDecodeException {
        DecodedImage img = decoder.decode(encoded, name);
        return new RecognitionResult(name, img.width(), img.height(), recognize(img.image(), faces));
    }

    /**
     * Recognises several encoded images with one batched model call over all their faces (batch
     * jobs: the per-call overhead is paid once per batch, not per image). An image that cannot be
     * decoded becomes a failed {@link ImageOutcome}; the others are unaffected. Results are in
     * input order and equal to {@link #recognize(byte[], String)} image by image.
     *
     * @param images name → encoded bytes, in the order wanted back
     */
    public List<ImageOutcome> recognizeAll(List<Map.Entry<String, byte[]>> images) {
        record Read(String name, int width, int height, int firstFace, int endFace) { }
        List<AlignedFace> faces = new ArrayList<>();
        List<Object> steps = new ArrayList<>(images.size()); // a Read or an ImageDecodeException per image
        for (Map.Entry<String, byte[]> in : images) {
            try {
                DecodedImage img = decoder.decode(in.getValue(), in.getKey());
                int first = faces.size();
                faces.addAll(alignFaces(img.image()));
                steps.add(new Read(in.getKey(), img.width(), img.height(), first, faces.size()));
            } catch (ImageDecodeException e) {
                steps.add(e);
            }
        }
        List<FaceEmotion> classified = faces.isEmpty() ? List.of() : classify(faces);
        return steps.stream().map(s -> s instanceof Read r
                ? ImageOutcome.read(new RecognitionResult(r.name(), r.width(), r.height(),
                        classified.subList(r.firstFace(), r.endFace())))
                : ImageOutcome.failed((ImageDecodeException) s)).toList();
    }

    /** Decodes (size-guarded, EXIF-upright) encoded bytes the way {@link #recognize(byte[], String)} does. */
    public DecodedImage decode(byte[] encoded, String name) throws ImageDecodeException {
        return decoder.decode(encoded, name);
    }

    /** Decodes an image file the way {@link #recognize(Path)} does (for drawing on it). */
    public DecodedImage decode(Path file) throws ImageDecodeException {
        return decoder.decode(file);
    }

    /** Reads, decodes and recognises an image file. */
    public RecognitionResult recognize(Path file) throws ImageDecodeException {
        DecodedImage img = decoder.decode(file);
        return new RecognitionResult(file.toString(), img.width(), img.height(), recognize(img.image()));
    }

    /** Faces and their emotions in an upright image; an empty list when there is no face. */
    public List<FaceEmotion> recognize(BufferedImage image) {
        return recognize(image, detector);
    }

    private List<FaceEmotion> recognize(BufferedImage image, FaceDetector faceDetector) {
        return recognize(image, faceDetector.detect(image));
    }

    /**
     * The emotions of faces already located in {@code image} (e.g. boxes carried over from an earlier
     * video frame): aligned and classified in one batch, without running the detector.
     */
    public List<FaceEmotion> recognize(BufferedImage image, List<FaceBox> boxes) {
        List<AlignedFace> faces = aligner.alignAll(image, boxes);
        if (faces.isEmpty()) {
            return List.of();
        }
        return classify(faces);
    }

    /**
     * The face boxes the detector finds in an upright image (neither aligned nor classified), as
     * the detector gives them: a box may reach past the image's edge, and {@link
     * #recognize(BufferedImage, List)} aligns from the whole of it.
     */
    public List<FaceBox> detect(BufferedImage image) {
        return detector.detect(image);
    }

    /** Detects and aligns the faces of an upright image (the model is not called). */
    public List<AlignedFace> alignFaces(BufferedImage image) {
        return aligner.alignAll(image, detector.detect(image));
    }

    /** Classifies already aligned faces (all of one size) in one batch; none gives none. */
    public List<FaceEmotion> classify(List<AlignedFace> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        int size = faces.get(0).size();
        for (AlignedFace f : faces) {
            if (f.size() != size) {
                throw new IllegalArgumentException("aligned faces of one batch must share a size: " + size + " and "
                        + f.size());
            }
        }
        byte[] pixels = new byte[faces.size() * size * size];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(faces.get(i).pixels(), 0, pixels, i * size * size, size * size);
        }
        FaceDataset batch = new FaceDataset("faces", size, pixels, new byte[faces.size()]);
        float[][] probs = DatasetScorer.probabilities(model, model.normalization(), batch, TtaMode.NONE, 64);
        List<FaceEmotion> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            out.add(FaceEmotion.of(faces.get(i).box(), probs[i]));
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
        closeDetector(detector);
        aligner.close();
    }

    private static void closeDetector(FaceDetector detector) {
        if (detector instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the face detector", e);
            }
        }
    }
}
