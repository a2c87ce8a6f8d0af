package dev.facerec.twin.privacy;

import dev.facerec.twin.TwinClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.User;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Searches every store of a twin for an identifier that was erased (a person id, a tenant id): every bucket's object
 * versions and delete markers by key, and the content of every JSON document version (results name people); every
 * item of every table, all attributes; every collection's users and faces (UserId, ExternalImageId); every queue's
 * messages; the functions' and the HTTP APIs' log files. What it finds is a {@link Trace}; an erasure is complete
 * when it finds none.
 *
 * <p>Queue messages are read with a visibility timeout of 0, so they stay available, but each read counts as a
 * receive (a queue with a redrive policy may move a message after enough of them): meant for a twin under test.
 */
public final class ErasureVerifier implements AutoCloseable {

    private static final long LARGEST_DOCUMENT = 1024 * 1024;
    private static final int QUEUE_ROUNDS = 10;

    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;
    private final SqsClient sqs;
    private final Path dataDirectory;

    public ErasureVerifier(
            S3Client s3, DynamoDbClient dynamoDb, RekognitionClient rekognition, SqsClient sqs, Path dataDirectory) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.rekognition = rekognition;
        this.sqs = sqs;
        this.dataDirectory = dataDirectory;
    }

    /** A verifier with its own clients for the twin whose endpoints and data directory are given. */
    public static ErasureVerifier connect(Map<String, String> endpoints, String region, Path dataDirectory) {
        TwinClients clients = TwinClients.connect(endpoints, region);
        return new ErasureVerifier(
                clients.s3(), clients.dynamoDb(), clients.rekognition(), clients.sqs(), dataDirectory);
    }

    /** Searches every store for {@code identifier}. */
    public ErasureReport search(String identifier) {
        IdentifierMatcher matcher = new IdentifierMatcher(identifier);
        List<Trace> traces = new ArrayList<>();
        Map<String, String> read = new LinkedHashMap<>();
        read.put("s3", searchObjects(matcher, traces));
        read.put("dynamodb", searchTables(matcher, traces));
        read.put("rekognition", searchCollections(matcher, traces));
        read.put("sqs", searchQueues(matcher, traces));
        read.put("logs", searchLogs(matcher, traces));
        return new ErasureReport(identifier, List.copyOf(traces), read);
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        rekognition.close();
        sqs.close();
    }

    private String searchObjects(IdentifierMatcher matcher, List<Trace> traces) {
        long versions = 0;
        long documents = 0;
        for (Bucket bucket : s3.listBuckets().buckets()) {
            String name = bucket.name();
            for (var page : s3.listObjectVersionsPaginator(b -> b.bucket(name))) {
                for (var marker : page.deleteMarkers()) {
                    versions++;
                    if (matcher.foundIn(marker.key())) {
                        traces.add(new Trace(
                                "s3", name + "/" + marker.key() + "?versionId=" + marker.versionId(), "delete marker"));
                    }
                }
                for (ObjectVersion version : page.versions()) {
                    versions++;
                    String where = name + "/" + version.key() + "?versionId=" + version.versionId();
                    if (matcher.foundIn(version.key())) {
                        traces.add(new Trace("s3", where, "object version"));
                    }
                    if (version.key().endsWith(".json") && version.size() <= LARGEST_DOCUMENT) {
                        documents++;
                        if (matcher.foundIn(content(name, version))) {
                            traces.add(new Trace("s3", where, "document content"));
                        }
                    }
                }
            }
        }
        return versions + " object versions and delete markers, " + documents + " JSON documents";
    }

    private String content(String bucket, ObjectVersion version) {
        ResponseBytes<GetObjectResponse> bytes =
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(version.key()).versionId(version.versionId()));
        return bytes.asString(StandardCharsets.UTF_8);
    }

    private String searchTables(IdentifierMatcher matcher, List<Trace> traces) {
        long items = 0;
        for (String table : dynamoDb.listTablesPaginator(b -> {}).tableNames()) {
            for (Map<String, AttributeValue> item :
                    dynamoDb.scanPaginator(b -> b.tableName(table)).items()) {
                items++;
                for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                    if (matcher.foundIn(String.valueOf(attribute.getValue()))) {
                        traces.add(new Trace("dynamodb", table + " " + key(item), "attribute " + attribute.getKey()));
                    }
                }
            }
        }
        return items + " items";
    }

    private static String key(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get("pk");
        AttributeValue sk = item.get("sk");
        return pk == null ? item.keySet().toString() : pk.s() + (sk == null ? "" : " | " + sk.s());
    }

    private String searchCollections(IdentifierMatcher matcher, List<Trace> traces) {
        long faces = 0;
        long users = 0;
        List<String> collections = rekognition.listCollectionsPaginator(b -> {}).collectionIds().stream()
                .toList();
        for (String collection : collections) {
            if (matcher.foundIn(collection)) {
                traces.add(new Trace("rekognition", collection, "collection id"));
            }
            for (Face face : rekognition
                    .listFacesPaginator(b -> b.collectionId(collection))
                    .faces()) {
                faces++;
                if (matcher.foundIn(face.externalImageId()) || matcher.foundIn(face.userId())) {
                    traces.add(new Trace(
                            "rekognition", collection + " face " + face.faceId(), "ExternalImageId or UserId"));
                }
            }
            for (User user : rekognition
                    .listUsersPaginator(b -> b.collectionId(collection))
                    .users()) {
                users++;
                if (matcher.foundIn(user.userId())) {
                    traces.add(new Trace("rekognition", collection + " user " + user.userId(), "user"));
                }
            }
        }
        return collections.size() + " collections, " + faces + " faces, " + users + " users";
    }

    private String searchQueues(IdentifierMatcher matcher, List<Trace> traces) {
        long messages = 0;
        List<String> queues = sqs.listQueues().queueUrls();
        for (String queue : queues) {
            List<String> seen = new ArrayList<>();
            for (int round = 0; round < QUEUE_ROUNDS; round++) {
                List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queue)
                                .maxNumberOfMessages(10)
                                .visibilityTimeout(0)
                                .waitTimeSeconds(0))
                        .messages();
                boolean anyNew = false;
                for (Message message : received) {
                    if (seen.contains(message.messageId())) {
                        continue;
                    }
                    anyNew = true;
                    seen.add(message.messageId());
                    messages++;
                    if (matcher.foundIn(message.body())) {
                        traces.add(new Trace("sqs", queue + " message " + message.messageId(), "message body"));
                    }
                }
                if (!anyNew) {
                    break;
                }
            }
        }
        return queues.size() + " queues, " + messages + " messages";
    }

    private String searchLogs(IdentifierMatcher matcher, List<Trace> traces) {
        long lines = 0;
        for (Path folder : List.of(
                dataDirectory.resolve("lambda").resolve("logs"),
                dataDirectory.resolve("apigateway").resolve("access-logs"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < content.size(); i++) {
                        lines++;
                        if (matcher.foundIn(content.get(i))) {
                            traces.add(new Trace("logs", dataDirectory.relativize(file) + ":" + (i + 1), "log line"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines + " log lines";
    }
}
