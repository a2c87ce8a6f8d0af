package dev.facerec.local.rekognition.engine.bench;

import dev.facerec.local.rekognition.engine.AnalysisOptions;
import dev.facerec.local.rekognition.engine.AnalyzedImage;
import dev.facerec.local.rekognition.engine.DetectedFace;
import dev.facerec.local.rekognition.engine.FaceEngine;
import dev.facerec.local.rekognition.engine.ImageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/** Face counts on group photos, false detections on photos without a face, the outcome on each hard photo. */
final class DetectionCounts {

  private DetectionCounts() {}

  static void groups(PrintStream out, FaceEngine engine, List<FaceSet.Photo> groups) {
    int images = 0;
    int expected = 0;
    int found = 0;
    int exact = 0;
    int missing = 0;
    int extra = 0;
    out.println("Group photos with faces=N in the manifest (found / expected):");
    for (FaceSet.Photo p : groups) {
      if (p.expectedFaces().isEmpty()) {
        continue;
      }
      int n = p.expectedFaces().get();
      int count = analyze(engine, p).map(i -> i.faces().size()).orElse(0);
      out.printf("  %-50s %2d / %2d%n", p.name(), count, n);
      images++;
      expected += n;
      found += count;
      exact += count == n ? 1 : 0;
      missing += Math.max(0, n - count);
      extra += Math.max(0, count - n);
    }
    out.printf("  %d photos: exact count on %d, %d faces expected, %d found, %d short, %d over%n", images, exact,
        expected, found, missing, extra);
  }

  static void negatives(PrintStream out, FaceEngine engine, List<FaceSet.Photo> negatives) {
    int falseFaces = 0;
    int withFalse = 0;
    out.println("Photos without a real human face (false detections):");
    for (FaceSet.Photo p : negatives) {
      Outcome o = analyze(engine, p);
      int count = o.map(i -> i.faces().size()).orElse(0);
      falseFaces += count;
      withFalse += count > 0 ? 1 : 0;
      out.printf("  %-50s %s%n", p.name(), o.describe());
    }
    out.printf("  %d photos, %d with a false detection, %d false faces in all%n", negatives.size(), withFalse,
        falseFaces);
  }

  static void hard(PrintStream out, FaceEngine engine, List<FaceSet.Photo> hard) {
    out.println("Hard photos (outcome per file):");
    for (FaceSet.Photo p : hard) {
      out.printf("  %-50s %s   [%s]%n", p.name(), analyze(engine, p).describe(), p.note());
    }
  }

  private static Outcome analyze(FaceEngine engine, FaceSet.Photo photo) {
    try {
      return new Outcome(engine.analyze(Files.readAllBytes(photo.file()), AnalysisOptions.DETECT), null);
    } catch (ImageException e) {
      return new Outcome(null, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The analysis or the refusal of one photo. */
  private record Outcome(AnalyzedImage image, ImageException refusal) {

    <T> java.util.Optional<T> map(java.util.function.Function<AnalyzedImage, T> f) {
      return image == null ? java.util.Optional.empty() : java.util.Optional.of(f.apply(image));
    }

    String describe() {
      if (refusal != null) {
        return "refused " + refusal.kind() + " (" + refusal.getMessage() + ")";
      }
      StringBuilder s = new StringBuilder(image.faces().size() + " face(s)");
      for (DetectedFace f : image.faces()) {
        s.append(String.format(Locale.ROOT, " [conf %.1f, %.0fx%.0f px]", f.confidence(),
            f.box().width() * image.width(), f.box().height() * image.height()));
      }
      return s.toString();
    }
  }
}
