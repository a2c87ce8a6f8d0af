package dev.facerec.engine.store;

import dev.facerec.engine.search.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Builds collections and faces with synthetic vectors. */
final class StoreFixtures {

    static final int DIMENSION = 64;

    private final Random random = new Random(42);

    static CollectionInfo info(String collectionId) {
        return new CollectionInfo(
                collectionId,
                "arn:aws:rekognition:us-east-1:000000000000:collection/" + collectionId,
                "7.0",
                DIMENSION,
                1_700_000_000_000L);
    }

    float[] vector() {
        return Vectors.random(random, DIMENSION);
    }

    float[] near(float[] base, double cosine) {
        return Vectors.near(random, base, cosine);
    }

    NewFace face(float[] vector) {
        StoredFace face = new StoredFace(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "img-1",
                new FaceBox(0.1f, 0.2f, 0.3f, 0.4f),
                99.5f,
                "7.0",
                null);
        return new NewFace(face, vector);
    }

    List<NewFace> faces(int count) {
        List<NewFace> faces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            faces.add(face(vector()));
        }
        return faces;
    }

    static String ok(Object result) {
        return "{}";
    }
}
