package dev.facerec.twin.cli;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places the label of each face box on a picture: inside the picture, and clear of the labels placed before it. A
 * label goes above its box if it can, else below it, else on the box's top edge, else at the free spot nearest to
 * above the box (on a grid of a quarter label); only when the picture has no room left do labels overlap.
 */
final class LabelLayout {

    private LabelLayout() {}

    /** The label rectangles, in the order of {@code faces}; {@code sizes} are the labels' sizes. */
    static List<Rectangle> place(int width, int height, List<Rectangle> faces, List<Dimension> sizes) {
        List<Rectangle> placed = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            Rectangle face = faces.get(i);
            int w = Math.min(sizes.get(i).width, width);
            int h = Math.min(sizes.get(i).height, height);
            List<Point> preferred =
                    List.of(new Point(face.x, face.y - h), new Point(face.x, face.y + face.height), face.getLocation());
            Rectangle chosen = null;
            for (Point point : preferred) {
                Rectangle candidate = inside(point.x, point.y, w, h, width, height);
                if (isFree(candidate, placed)) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                chosen = nearestFree(preferred.get(0), w, h, width, height, placed);
            }
            placed.add(chosen);
        }
        return placed;
    }

    private static Rectangle nearestFree(Point target, int w, int h, int width, int height, List<Rectangle> placed) {
        int stepX = Math.max(1, w / 4);
        int stepY = Math.max(1, h / 4);
        Rectangle fallback = inside(target.x, target.y, w, h, width, height);
        List<Rectangle> free = new ArrayList<>();
        for (int y = 0; y <= height - h; y += stepY) {
            for (int x = 0; x <= width - w; x += stepX) {
                Rectangle candidate = new Rectangle(x, y, w, h);
                if (isFree(candidate, placed)) {
                    free.add(candidate);
                }
            }
        }
        return free.stream()
                .min(Comparator.comparingDouble(r -> r.getLocation().distanceSq(fallback.getLocation())))
                .orElse(fallback);
    }

    private static Rectangle inside(int x, int y, int w, int h, int width, int height) {
        return new Rectangle(Math.max(0, Math.min(x, width - w)), Math.max(0, Math.min(y, height - h)), w, h);
    }

    private static boolean isFree(Rectangle candidate, List<Rectangle> placed) {
        return placed.stream().noneMatch(candidate::intersects);
    }
}
