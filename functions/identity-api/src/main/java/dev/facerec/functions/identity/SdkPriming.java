package dev.facerec.functions.identity;

import dev.facerec.functions.core.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;

/**
 * Primes the SDK's call path without calling AWS: throwaway DynamoDB and Rekognition clients, with placeholder
 * credentials that are never sent anywhere but to a loopback socket of this process, make the calls the API makes
 * (GetItem, SearchUsersByImage, DetectFaces) against that socket, which answers each with an empty JSON document.
 * So the request marshalling, endpoint rules, SigV4 signing, the url-connection HTTP client, response unmarshalling
 * and the retry machinery are loaded and initialised before the snapshot; the function's own clients, built the
 * ordinary way, are untouched (their credentials are resolved at their first real call, after the restore).
 */
final class SdkPriming {

    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private SdkPriming() {}

    static void prime() {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerUntilClosed(server), "sdk-priming");
            answering.setDaemon(true);
            answering.start();
            URI loopback = URI.create("http://127.0.0.1:" + server.getLocalPort());
            try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder(), loopback);
                    RekognitionClient rekognition = client(RekognitionClient.builder(), loopback)) {
                dynamoDb.getItem(b -> b.tableName("priming").key(Map.of("pk", AttributeValue.fromS("priming"))));
                SdkBytes image = SdkBytes.fromByteArray(new byte[] {(byte) 0xff, (byte) 0xd8});
                rekognition.searchUsersByImage(b ->
                        b.collectionId("priming").image(i -> i.bytes(image)).maxUsers(1));
                rekognition.detectFaces(b -> b.image(i -> i.bytes(image)).attributes(Attribute.ALL));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback socket for priming", e);
        }
    }

    private static <C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(
            B builder, URI loopback) {
        return AwsClients.configured(builder.region(Region.US_EAST_1)
                .credentialsProvider(PLACEHOLDER)
                .endpointOverride(loopback));
    }

    /** Answers every request on {@code server} with 200 and {@code {}} until the socket is closed. */
    private static void answerUntilClosed(ServerSocket server) {
        byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(answer);
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads the request's head and its body ({@code Content-Length} bytes). */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                break;
            }
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }
}
