package dev.facerec.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code recognize}: uploads a photo, waits for the result, prints who is where and writes an annotated PNG. */
@Command(name = "recognize", description = "Find and identify every face in a photo; writes an annotated PNG.")
final class RecognizeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  DataOption data;

  @Parameters(index = "0", description = "The photo (JPEG or PNG).")
  Path photo;

  @Option(names = "--out", description = "The annotated PNG (default: <photo name>-annotated.png here).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(photo)) {
      throw new IllegalArgumentException("no such photo: " + photo);
    }
    try (RunningTwin twin = RunningTwin.connect(data.directory)) {
      String key = twin.output("RecognizePrefix") + photo.getFileName();
      String eTag = twin.s3().putObject(b -> b.bucket(twin.bucket()).key(key), RequestBody.fromFile(photo)).eTag()
          .replace("\"", "");
      Map<String, AttributeValue> status = twin.awaitStatus(key, eTag);
      if ("REJECTED".equals(RunningTwin.text(status, "status"))) {
        System.out.println(photo.getFileName() + ": REJECTED " + RunningTwin.text(status, "reason"));
        return 2;
      }
      String resultKey = RunningTwin.text(status, "resultKey");
      JsonNode result = JSON.readTree(twin.s3().getObjectAsBytes(b -> b.bucket(twin.bucket()).key(resultKey))
          .asByteArray());
      List<RecognizedFace> faces = RecognizedFace.of(result);
      System.out.println(photo.getFileName() + ": " + faces.size() + " face(s); result s3://" + twin.bucket() + "/"
          + resultKey);
      for (RecognizedFace face : faces) {
        System.out.printf(Locale.ROOT, "  %-30s at left %.2f top %.2f (%.2f x %.2f)%n", face.label(), face.left(),
            face.top(), face.width(), face.height());
      }
      Path annotated = output != null ? output
          : Path.of(photo.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-annotated.png");
      AnnotatedImage.write(photo, faces, annotated);
      System.out.println("annotated picture: " + annotated.toAbsolutePath());
    }
    return 0;
  }
}
