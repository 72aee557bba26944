package dev.deepfer.explain;

import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.FaceBox;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.model.Ensemble;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The explanation API: faces (or an image, through a recogniser's detector and aligner) →
 * {@link FaceExplanation}s, each with every member's Grad-CAM map and CBAM attention for the
 * target emotion, the members' probabilities, and the ensemble's map (the members' maps combined
 * with the fusion weights). The target defaults to each face's predicted emotion. Overlays and
 * panels are drawn from the result by {@link Overlay} and {@link ExplanationPanel}.
 * Thread-safe; it borrows the model and never closes it.
 */
public final class Explainer {
    /** Faces explained per batch (each runs the network tail once per class). */
    static final int BATCH = 16;

    private final LoadedModel model;
    private final EmotionRecognizer recognizer;
    private final Ensemble ensemble;
    private final List<GradCam> cams;
    private final ExplainOptions options;

    /** An explainer of crops (aligned faces or dataset images) for {@code model}. */
    public Explainer(LoadedModel model, ExplainOptions options) {
        this(model, null, options);
    }

    /** An explainer that can also find the faces in an image, as {@code recognizer} does. */
    public Explainer(EmotionRecognizer recognizer, ExplainOptions options) {
        this(recognizer.model(), recognizer, options);
    }

    private Explainer(LoadedModel model, EmotionRecognizer recognizer, ExplainOptions options) {
        this.model = model;
        this.recognizer = recognizer;
        this.options = options;
        this.ensemble = model.ensemble();
        List<GradCam> list = new ArrayList<>();
        for (ModelBundle m : model.members()) {
            list.add(new GradCam(m.network(), m.inputSize(), options.layer()));
        }
        this.cams = List.copyOf(list);
    }

    public ExplainOptions options() {
        return options;
    }

    /** The model explained. */
    public LoadedModel model() {
        return model;
    }

    /**
     * All faces of an upright image, found and aligned as the recogniser finds them.
     *
     * @param target the emotion to explain; empty for each face's predicted one
     */
    public Explanations explain(BufferedImage image, Optional<Emotion> target) {
        if (recognizer == null) {
            throw new IllegalStateException("this explainer has no face detector; build it from an EmotionRecognizer");
        }
        return explain(recognizer.alignFaces(image), target);
    }

    /** Aligned faces (all of the same size, FER2013 framing). */
    public Explanations explain(List<AlignedFace> faces, Optional<Emotion> target) {
        if (faces.isEmpty()) {
            return new Explanations(List.of(), memberNames(), new double[cams.size()], 0);
        }
        int size = faces.get(0).size();
        byte[] pixels = new byte[faces.size() * size * size];
        List<Optional<FaceBox>> boxes = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            AlignedFace f = faces.get(i);
            if (f.size() != size) {
                throw new IllegalArgumentException("faces differ in size: " + size + " and " + f.size());
            }
            System.arraycopy(f.pixels(), 0, pixels, i * size * size, size * size);
            boxes.add(Optional.of(f.box()));
        }
        return explain(new FaceDataset("faces", size, pixels, new byte[faces.size()]), boxes, target);
    }

    /** Every image of a dataset (e.g. FER2013 crops), in batches. */
    public Explanations explain(FaceDataset faces, Optional<Emotion> target) {
        List<Optional<FaceBox>> boxes = new ArrayList<>();
        for (int i = 0; i < faces.count(); i++) {
            boxes.add(Optional.empty());
        }
        return explain(faces, boxes, target);
    }

    private Explanations explain(FaceDataset faces, List<Optional<FaceBox>> boxes, Optional<Emotion> target) {
        long start = System.nanoTime();
        java.util.function.IntFunction<BatchAssembler> assemblers = BatchAssembler.bySide(model.normalization());
        List<FaceExplanation> out = new ArrayList<>(faces.count());
        long[] memberNanos = new long[cams.size()];
        for (int from = 0; from < faces.count(); from += BATCH) {
            int n = Math.min(BATCH, faces.count() - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = from + i;
            }
            java.util.Map<Integer, float[]> images = new java.util.HashMap<>(); // by input side: members may differ
            List<GradCam.Maps> maps = new ArrayList<>();
            for (int m = 0; m < cams.size(); m++) {
                float[] input = images.computeIfAbsent(model.members().get(m).inputSize(),
                        side -> assemblers.apply(side).assembleViews(faces, idx, TtaMode.NONE).images());
                long t0 = System.nanoTime();
                maps.add(cams.get(m).run(input, n, options.method()));
                memberNanos[m] += System.nanoTime() - t0;
            }
            for (int i = 0; i < n; i++) {
                out.add(face(faces, from + i, boxes.get(from + i), maps, i, target));
            }
        }
        double[] memberMillis = new double[cams.size()];
        for (int m = 0; m < memberMillis.length; m++) {
            memberMillis[m] = memberNanos[m] / 1e6;
        }
        return new Explanations(out, memberNames(), memberMillis, (System.nanoTime() - start) / 1e6);
    }

    private FaceExplanation face(FaceDataset faces, int index, Optional<FaceBox> box, List<GradCam.Maps> maps, int i,
                                 Optional<Emotion> target) {
        int size = model.inputSize();
        float[][] memberLogits = new float[maps.size()][];
        for (int m = 0; m < maps.size(); m++) {
            // the network's raw logits over the member's calibration temperature, as the recogniser's
            float[] raw = maps.get(m).logits()[i];
            double t = model.members().get(m).temperature();
            memberLogits[m] = new float[raw.length];
            for (int c = 0; c < raw.length; c++) {
                memberLogits[m][c] = (float) (raw[c] / t);
            }
        }
        float[] probabilities = DatasetScorer.softmax(ensemble.fuse(memberLogits));
        int t = target.map(Emotion::ordinal).orElse(DatasetScorer.argmax(probabilities));
        double[] weights = ensemble.effectiveWeights();
        List<MemberExplanation> members = new ArrayList<>();
        List<HeatMap> memberMaps = new ArrayList<>();
        for (int m = 0; m < maps.size(); m++) {
            GradCam.Maps mm = maps.get(m);
            int side = model.members().get(m).inputSize();
            HeatMap cam = centred(targetMap(mm, i, t, side), size);
            memberMaps.add(cam);
            List<MemberExplanation.AttentionMap> attention = new ArrayList<>();
            mm.attention().forEach((stage, perFace) -> {
                if (options.attentionStages().isEmpty() || options.attentionStages().contains(stage)) {
                    attention.add(new MemberExplanation.AttentionMap(stage,
                            centred(HeatMap.rangeNormalised(side, side, perFace[i]), size)));
                }
            });
            members.add(new MemberExplanation(model.members().get(m).name(), weights[m],
                    DatasetScorer.softmax(memberLogits[m]), cam, attention));
        }
        return new FaceExplanation(box, centreCrop(faces.image(index), faces.imageSize(), size), size,
                Emotion.ofIndex(t), probabilities, HeatMap.weightedMean(memberMaps, weights), members);
    }

    /** Face {@code i}'s map of class {@code target}, resized to the input and peak-normalised. */
    static HeatMap targetMap(GradCam.Maps maps, int i, int target, int size) {
        return HeatMap.peakNormalised(size, size,
                HeatMap.resizeAtStride(maps.cams()[i][target], maps.camWidth(), maps.camHeight(), maps.camStride(),
                        size, size));
    }

    /**
     * A member's map in the ensemble's {@code size x size} frame: a member with a smaller input saw
     * the centre of the face, so its map fills the centre and the border it never saw is 0.
     */
    static HeatMap centred(HeatMap map, int size) {
        if (map.width() == size && map.height() == size) {
            return map;
        }
        if (map.width() > size || map.height() > size) {
            throw new IllegalArgumentException(map.width() + "x" + map.height() + " map does not fit " + size + "x" + size);
        }
        int ox = (size - map.width()) / 2;
        int oy = (size - map.height()) / 2;
        float[] src = map.values();
        float[] values = new float[size * size];
        for (int y = 0; y < map.height(); y++) {
            System.arraycopy(src, y * map.width(), values, (y + oy) * size + ox, map.width());
        }
        return new HeatMap(size, size, values);
    }

    /** The centre {@code size²} of a {@code src²} image: what the networks see without TTA. */
    static byte[] centreCrop(byte[] image, int src, int size) {
        int offset = (src - size) / 2;
        byte[] out = new byte[size * size];
        for (int y = 0; y < size; y++) {
            System.arraycopy(image, (y + offset) * src + offset, out, y * size, size);
        }
        return out;
    }

    private List<String> memberNames() {
        return model.members().stream().map(ModelBundle::name).toList();
    }
}
