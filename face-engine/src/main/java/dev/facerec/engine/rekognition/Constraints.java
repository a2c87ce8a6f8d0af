package dev.facerec.engine.rekognition;

import java.util.regex.Pattern;

/** Rekognition's input constraints, from its API reference. */
final class Constraints {

    static final Pattern COLLECTION_ID = Pattern.compile("[a-zA-Z0-9_.\\-]+");
    static final Pattern EXTERNAL_IMAGE_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]+");
    static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]+");
    static final Pattern FACE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("[a-zA-Z0-9-_]+");
    static final Pattern S3_BUCKET = Pattern.compile("[0-9A-Za-z.\\-_]*");

    static final int COLLECTION_ID_MAX = 255;
    static final Pattern TAG_KEY = Pattern.compile("(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final int TAG_KEY_MAX = 128;
    static final int TAG_VALUE_MAX = 256;
    /** Tags one request may carry. */
    static final int MAX_TAGS_PER_REQUEST = 200;
    /** Tags one resource may hold (AWS's per-resource limit on user tags). */
    static final int MAX_TAGS_PER_RESOURCE = 50;

    static final int EXTERNAL_IMAGE_ID_MAX = 255;
    static final int USER_ID_MAX = 128;
    static final int CLIENT_REQUEST_TOKEN_MAX = 64;

    /** Image bytes sent inline: at most 5 MB. */
    static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;
    /** Images read from S3: at most 15 MB. */
    static final long MAX_S3_IMAGE_BYTES = 15L * 1024 * 1024;

    /** IndexFaces and DetectFaces consider at most the 100 largest faces. */
    static final int MAX_FACES_PER_IMAGE = 100;
    /** Searches return at most 4096 faces. */
    static final int MAX_SEARCH_FACES = 4096;

    static final int MAX_USERS = 500;
    static final float DEFAULT_FACE_MATCH_THRESHOLD = 80f;
    static final float DEFAULT_USER_MATCH_THRESHOLD = 80f;
    static final float DEFAULT_ASSOCIATE_THRESHOLD = 75f;

    private Constraints() {}
}
