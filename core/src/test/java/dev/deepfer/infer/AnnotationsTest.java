package dev.deepfer.infer;

import dev.deepfer.data.Emotion;
import dev.deepfer.face.FaceBox;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnnotationsTest {
    @Test
    void boxIsDrawnInTheTopEmotionsColourAndTheInputIsUntouched() {
        BufferedImage img = new BufferedImage(200, 160, BufferedImage.TYPE_BYTE_GRAY);
        float[] p = {0.05f, 0.05f, 0.05f, 0.6f, 0.05f, 0.1f, 0.1f};
        FaceEmotion face = FaceEmotion.of(new FaceBox(40, 40, 60, 60, 1.0), p);
        BufferedImage out = Annotations.draw(img, List.of(face));
        assertThat(face.emotion()).isEqualTo(Emotion.HAPPY);
        assertThat(out.getRGB(40, 70) & 0xFFFFFF).isEqualTo(Annotations.colour(Emotion.HAPPY).getRGB() & 0xFFFFFF);
        assertThat(out.getRGB(70, 70) & 0xFFFFFF).isZero();
        assertThat(img.getRaster().getSample(40, 70, 0)).isZero();
        assertThat(out.getWidth()).isEqualTo(200);
    }
}
