package dev.facerec.engine.store;

import dev.facerec.engine.search.Int8Quantization;
import dev.facerec.engine.store.LogRecord.Batch;
import dev.facerec.engine.store.LogRecord.CollectionCreated;
import dev.facerec.engine.store.LogRecord.FacesAdded;
import dev.facerec.engine.store.LogRecord.FacesAssociated;
import dev.facerec.engine.store.LogRecord.FacesDeleted;
import dev.facerec.engine.store.LogRecord.FacesDisassociated;
import dev.facerec.engine.store.LogRecord.TagsChanged;
import dev.facerec.engine.store.LogRecord.TokenRecorded;
import dev.facerec.engine.store.LogRecord.UserCreated;
import dev.facerec.engine.store.LogRecord.UserDeleted;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary form of {@link LogRecord}s. Vectors are stored int8-quantised (one byte a dimension and the reciprocal
 * norm), the same precision the search index keeps, so a 512-d face costs about 0.6 KB on disk.
 */
final class RecordCodec {

    private static final byte COLLECTION_CREATED = 1;
    private static final byte FACES_ADDED = 2;
    private static final byte FACES_DELETED = 3;
    private static final byte USER_CREATED = 4;
    private static final byte USER_DELETED = 5;
    private static final byte FACES_ASSOCIATED = 6;
    private static final byte FACES_DISASSOCIATED = 7;
    private static final byte TOKEN_RECORDED = 8;
    private static final byte BATCH = 9;
    /** A collection record with its creation tags; type 1 (no tags) is still read. */
    private static final byte COLLECTION_CREATED_WITH_TAGS = 10;

    private static final byte TAGS_CHANGED = 11;

    private RecordCodec() {}

    static byte[] encode(LogRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LogRecord decode(byte[] payload) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(payload)));
    }

    private static void write(LogRecord record, DataOutputStream out) throws IOException {
        if (record instanceof CollectionCreated r) {
            out.writeByte(COLLECTION_CREATED_WITH_TAGS);
            CollectionInfo info = r.info();
            writeString(out, info.collectionId());
            writeString(out, info.arn());
            writeString(out, info.faceModelVersion());
            out.writeInt(info.dimension());
            out.writeLong(info.createdMillis());
            writeTags(out, info.tags());
        } else if (record instanceof TagsChanged r) {
            out.writeByte(TAGS_CHANGED);
            writeTags(out, r.tags());
        } else if (record instanceof FacesAdded r) {
            out.writeByte(FACES_ADDED);
            out.writeInt(r.faces().size());
            for (NewFace face : r.faces()) {
                writeFace(out, face);
            }
        } else if (record instanceof FacesDeleted r) {
            out.writeByte(FACES_DELETED);
            writeStrings(out, r.faceIds());
        } else if (record instanceof UserCreated r) {
            out.writeByte(USER_CREATED);
            writeString(out, r.userId());
        } else if (record instanceof UserDeleted r) {
            out.writeByte(USER_DELETED);
            writeString(out, r.userId());
        } else if (record instanceof FacesAssociated r) {
            out.writeByte(FACES_ASSOCIATED);
            writeString(out, r.userId());
            writeStrings(out, r.faceIds());
        } else if (record instanceof FacesDisassociated r) {
            out.writeByte(FACES_DISASSOCIATED);
            writeString(out, r.userId());
            writeStrings(out, r.faceIds());
        } else if (record instanceof TokenRecorded r) {
            out.writeByte(TOKEN_RECORDED);
            writeString(out, r.key().operation());
            writeString(out, r.key().token());
            writeString(out, r.key().fingerprint());
            writeString(out, r.response());
            out.writeLong(r.atMillis());
        } else if (record instanceof Batch r) {
            out.writeByte(BATCH);
            out.writeInt(r.records().size());
            for (LogRecord inner : r.records()) {
                write(inner, out);
            }
        }
    }

    private static LogRecord read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        switch (type) {
            case COLLECTION_CREATED:
                return new CollectionCreated(new CollectionInfo(
                        readString(in), readString(in), readString(in), in.readInt(), in.readLong()));
            case COLLECTION_CREATED_WITH_TAGS:
                return new CollectionCreated(new CollectionInfo(
                        readString(in), readString(in), readString(in), in.readInt(), in.readLong(), readTags(in)));
            case TAGS_CHANGED:
                return new TagsChanged(readTags(in));
            case FACES_ADDED:
                int count = in.readInt();
                List<NewFace> faces = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    faces.add(readFace(in));
                }
                return new FacesAdded(faces);
            case FACES_DELETED:
                return new FacesDeleted(readStrings(in));
            case USER_CREATED:
                return new UserCreated(readString(in));
            case USER_DELETED:
                return new UserDeleted(readString(in));
            case FACES_ASSOCIATED:
                return new FacesAssociated(readString(in), readStrings(in));
            case FACES_DISASSOCIATED:
                return new FacesDisassociated(readString(in), readStrings(in));
            case TOKEN_RECORDED:
                return new TokenRecorded(
                        new IdempotencyKey(readString(in), readString(in), readString(in)),
                        readString(in),
                        in.readLong());
            case BATCH:
                int size = in.readInt();
                List<LogRecord> records = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    records.add(read(in));
                }
                return new Batch(records);
            default:
                throw new IOException("unknown record type " + type);
        }
    }

    private static void writeFace(DataOutputStream out, NewFace newFace) throws IOException {
        StoredFace face = newFace.face();
        writeString(out, face.faceId());
        writeString(out, face.imageId());
        writeString(out, face.externalImageId());
        out.writeFloat(face.box().left());
        out.writeFloat(face.box().top());
        out.writeFloat(face.box().width());
        out.writeFloat(face.box().height());
        out.writeFloat(face.confidence());
        writeString(out, face.indexFacesModelVersion());
        writeString(out, face.userId());
        float[] vector = newFace.vector();
        byte[] codes = new byte[vector.length];
        float inverseNorm = Int8Quantization.quantize(vector, codes, 0);
        out.writeInt(codes.length);
        out.write(codes);
        out.writeFloat(inverseNorm);
    }

    private static NewFace readFace(DataInputStream in) throws IOException {
        StoredFace face = new StoredFace(
                readString(in),
                readString(in),
                readString(in),
                new FaceBox(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat()),
                in.readFloat(),
                readString(in),
                readString(in));
        byte[] codes = new byte[in.readInt()];
        in.readFully(codes);
        float inverseNorm = in.readFloat();
        return new NewFace(face, Int8Quantization.dequantize(codes, 0, codes.length, inverseNorm));
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static void writeTags(DataOutputStream out, Map<String, String> tags) throws IOException {
        out.writeInt(tags.size());
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            writeString(out, tag.getKey());
            writeString(out, tag.getValue());
        }
    }

    private static Map<String, String> readTags(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            tags.put(readString(in), readString(in));
        }
        return tags;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
