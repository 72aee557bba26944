package dev.deepfer.face;

import java.awt.geom.Point2D;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The two eye centres of a face, as they appear in the image: {@code left} is the one with the
 * smaller x (the person's right eye).
 */
record EyePair(Point2D left, Point2D right) {
    /** Widest accepted tilt of the eye line; steeper pairs are taken to be mis-detections. */
    static final double MAX_TILT_DEGREES = 40;

    /**
     * The angle, in degrees, by which the image must turn counter-clockwise on screen (y down) to
     * make the eye line horizontal: {@code atan2(dy, dx)} of the line from left to right eye.
     */
    static double levellingDegrees(Point2D left, Point2D right) {
        return Math.toDegrees(Math.atan2(right.getY() - left.getY(), right.getX() - left.getX()));
    }

    double levellingDegrees() {
        return levellingDegrees(left, right);
    }

    /**
     * The most plausible pair among eye detections inside {@code face}: the largest candidate on
     * each side of the face's vertical centre line, kept only if the eyes are between a quarter and
     * three quarters of the face width apart and the line between them is tilted less than
     * {@link #MAX_TILT_DEGREES}.
     */
    static Optional<EyePair> pick(List<FaceBox> eyes, FaceBox face) {
        FaceBox left = largest(eyes, e -> e.centreX() < face.centreX());
        FaceBox right = largest(eyes, e -> e.centreX() >= face.centreX());
        if (left == null || right == null) {
            return Optional.empty();
        }
        EyePair pair = new EyePair(centre(left), centre(right));
        double distance = pair.left.distance(pair.right);
        boolean plausible = distance >= 0.25 * face.width() && distance <= 0.75 * face.width()
                && Math.abs(pair.levellingDegrees()) < MAX_TILT_DEGREES;
        return plausible ? Optional.of(pair) : Optional.empty();
    }

    private static FaceBox largest(List<FaceBox> eyes, Predicate<FaceBox> side) {
        return eyes.stream().filter(side).max(Comparator.comparingLong(FaceBox::area)).orElse(null);
    }

    private static Point2D centre(FaceBox b) {
        return new Point2D.Double(b.centreX(), b.centreY());
    }
}
