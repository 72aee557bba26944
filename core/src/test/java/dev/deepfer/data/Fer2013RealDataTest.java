package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Loads the shared FER2013 copy (skipped when absent) and checks it against the canonical release. */
class Fer2013RealDataTest {
    private static Map<Fer2013Split, FaceDataset> splits;

    /** The loaded splits, loading once; each test skips with the searched paths when the file is absent. */
    static synchronized Map<Fer2013Split, FaceDataset> splits() throws Exception {
        Path csv = SharedData.fer2013().orElse(null);
        Assumptions.assumeTrue(csv != null,
                "FER2013 not found at datasets/fer2013/fer2013.csv.gz under " + SharedData.describe() + ": skipping");
        if (splits == null) {
            long start = System.nanoTime();
            splits = Fer2013Csv.load(csv);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("FER2013 load time: %d ms for %s%n", millis, csv);
        }
        return splits;
    }

    @Test
    void splitSizesMatchTheCanonicalRelease() throws Exception {
        Map<Fer2013Split, FaceDataset> splits = splits();
        assertThat(splits.get(Fer2013Split.TRAINING).count()).isEqualTo(28_709);
        assertThat(splits.get(Fer2013Split.PUBLIC_TEST).count()).isEqualTo(3_589);
        assertThat(splits.get(Fer2013Split.PRIVATE_TEST).count()).isEqualTo(3_589);
        assertThat(splits.get(Fer2013Split.TRAINING).classCounts())
                .containsExactly(3995, 436, 4097, 7215, 4830, 3171, 4965);
        assertThat(splits.get(Fer2013Split.TRAINING).source()).isEqualTo("fer2013.csv.gz:Training");
        assertThat(splits.get(Fer2013Split.TRAINING).imageSize()).isEqualTo(48);
    }

    /**
     * FER2013's test splits hold exact copies of Training images (counted here by a separate SHA-1
     * pass over the CSV's pixel strings: 280 PublicTest and 288 PrivateTest rows), and PrivateTest
     * copies of PublicTest images (44 rows, 26 of them not Training copies).
     */
    @Test
    void testSplitsHoldKnownNumbersOfTrainingCopies() throws Exception {
        Map<Fer2013Split, FaceDataset> splits = splits();
        FaceDataset training = splits.get(Fer2013Split.TRAINING);
        assertThat(splits.get(Fer2013Split.PUBLIC_TEST).withoutCopiesIn(training).count()).isEqualTo(3_589 - 280);
        assertThat(splits.get(Fer2013Split.PRIVATE_TEST).withoutCopiesIn(training).count()).isEqualTo(3_589 - 288);
        // 44 PrivateTest rows copy PublicTest faces; 18 of them are Training copies too, 26 are "unseen"
        FaceDataset publicTest = splits.get(Fer2013Split.PUBLIC_TEST);
        assertThat(splits.get(Fer2013Split.PRIVATE_TEST).withoutCopiesIn(publicTest).count()).isEqualTo(3_589 - 44);
        assertThat(splits.get(Fer2013Split.PRIVATE_TEST).withoutCopiesIn(training).withoutCopiesIn(publicTest).count())
                .isEqualTo(3_301 - 26);
    }

    @Test
    void normalizationConstantMatchesTheTrainingSplit() throws Exception {
        Normalization computed = Normalization.of(splits().get(Fer2013Split.TRAINING));
        System.out.printf("FER2013 Training normalisation: mean %.6f std %.6f%n", computed.mean(), computed.std());
        assertThat(Normalization.FER2013.mean()).isCloseTo(computed.mean(), within(5e-5f));
        assertThat(Normalization.FER2013.std()).isCloseTo(computed.std(), within(5e-5f));
    }
}
