package dev.facerec.functions.identity;

import static dev.facerec.functions.identity.ApiFixture.body;
import static dev.facerec.functions.identity.ApiFixture.enrol;
import static dev.facerec.functions.identity.ApiFixture.event;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.recognize.RecognizeFacesHandler;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/** Identification, the people routes and photo uploads, on synthetic photos. */
class PeopleRoutesTest extends WithColorFaceEngine {

    private static IdentityApiHandler handler;

    @BeforeAll
    static void enrolPeople() {
        enrol(services, "enroll/alice/portrait.jpg", FaceColor.RED, Map.of("name", "Alice Liddell", "lists", "vip"));
        enrol(services, "enroll/bob/portrait.jpg", FaceColor.BLUE, Map.of());
        enrol(services, "enroll/carol/portrait.jpg", FaceColor.YELLOW, Map.of());
        handler = ApiFixture.handler(services, 99f);
    }

    @Test
    void identify_shouldAnswerTheRecognitionResultDocument_forAGroupPhoto() throws IOException {
        // GIVEN a group photo of Alice, Bob and a stranger, also recognised by the recognition function
        byte[] group = SyntheticImages.png(
                600,
                300,
                face(FaceColor.RED, 20, 60, 150),
                face(FaceColor.BLUE, 220, 60, 150),
                face(FaceColor.GREEN, 420, 60, 150));
        Uploaded photo = services.upload("recognize/group.png", group, Map.of());
        AwsClients clients = ApiFixture.clients(services);
        new RecognizeFacesHandler(clients, FunctionConfig.defaults(FunctionServices.TABLE), Clock.systemUTC())
                .handleRequest(
                        EventFixtures.s3Event(
                                "object-created-template.json", services.createdEvent(photo, services.nextSequencer())),
                        new TestContext());
        JsonNode asynchronous = ApiFixture.JSON.readTree(services.s3()
                .getObject(
                        b -> b.bucket(FunctionServices.BUCKET).key("results/group.png.json"),
                        ResponseTransformer.toBytes())
                .asByteArray());

        // WHEN the same photo is identified through the API
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event(IdentityApiHandler.IDENTIFY, null, "image/png", group, null), new TestContext());

        // THEN the document is the recognition's, without the source of a photo sent in the request
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode answer = body(response);
        assertThat(answer.has("source")).isFalse();
        assertThat(answer.path("faces")).isEqualTo(asynchronous.path("faces"));
        for (String field :
                new String[] {"schemaVersion", "image", "faceMatchThreshold", "faceCount", "identifiedCount", "lists"
                }) {
            assertThat(answer.path(field)).as(field).isEqualTo(asynchronous.path(field));
        }
        List<String> identities = new ArrayList<>();
        answer.path("faces")
                .forEach(face -> identities.add(face.at("/identity/status").asText() + " "
                        + face.at("/identity/personId").asText()));
        assertThat(identities).containsExactlyInAnyOrder("IDENTIFIED alice", "IDENTIFIED bob", "UNKNOWN ");
    }

    @Test
    void listPeople_shouldPage_throughEveryone() {
        // WHEN the people are listed two at a time
        JsonNode first = body(list(Map.of("limit", "2")));
        JsonNode second = body(
                list(Map.of("limit", "2", "cursor", first.path("nextCursor").asText())));

        // THEN every enrolled person comes once, in person id order (others may be enrolled by other tests)
        assertThat(first.path("people").size()).isEqualTo(2);
        assertThat(first.at("/people/0/personId").asText()).isEqualTo("alice");
        assertThat(first.at("/people/0/name").asText()).isEqualTo("Alice Liddell");
        assertThat(first.at("/people/1/personId").asText()).isEqualTo("bob");
        assertThat(second.at("/people/0/personId").asText()).isEqualTo("carol");
        assertThat(body(list(Map.of("limit", "0"))).path("code").asText()).isEqualTo("INVALID_LIMIT");
        assertThat(body(list(Map.of("cursor", "a b"))).path("code").asText()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void getPerson_shouldAnswerTheProfilePhotosAndFaces() {
        JsonNode alice = body(person(IdentityApiHandler.GET_PERSON, "alice"));

        assertThat(alice.path("personId").asText()).isEqualTo("alice");
        assertThat(alice.path("name").asText()).isEqualTo("Alice Liddell");
        assertThat(alice.path("lists").toString()).isEqualTo("[\"vip\"]");
        assertThat(alice.path("faceCount").asInt()).isEqualTo(1);
        assertThat(alice.at("/photos/0/photoId").asText()).isEqualTo("portrait.jpg");
        assertThat(alice.at("/photos/0/faceIds/0").asText())
                .isEqualTo(alice.at("/faces/0/faceId").asText());
        assertThat(services.userFaceIds("alice"))
                .containsExactly(alice.at("/faces/0/faceId").asText());
        assertThat(person(IdentityApiHandler.GET_PERSON, "nobody").getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void deletePerson_shouldEraseFacesUserRowsAndPhotos() {
        // GIVEN Dan, enrolled with two photos
        enrol(services, "enroll/dan/one.jpg", FaceColor.MAGENTA, Map.of());
        enrol(services, "enroll/dan/two.jpg", FaceColor.MAGENTA, Map.of());
        List<String> dansFaces = services.userFaceIds("dan");
        assertThat(dansFaces).hasSize(2);

        // WHEN Dan is deleted
        APIGatewayV2HTTPResponse response = person(IdentityApiHandler.DELETE_PERSON, "dan");

        // THEN his user, faces, rows and photos are gone
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).at("/removed/faces").asInt()).isEqualTo(2);
        assertThat(body(response).path("subject").asText()).isEqualTo("PERSON");
        assertThat(body(response).toString()).doesNotContain("dan");
        assertThat(services.userIds()).doesNotContain("dan");
        assertThat(services.collectionFaceIds()).isNotEmpty().doesNotContainAnyElementsOf(dansFaces);
        assertThat(services.items(TableKeys.personPk("dan"), TableKeys.FACE_PREFIX))
                .isEmpty();
        assertThat(services.item(TableKeys.key(TableKeys.personPk("dan"), TableKeys.PROFILE)))
                .isEmpty();
        assertThat(services.item(TableKeys.statusKey(FunctionServices.BUCKET, "enroll/dan/one.jpg")))
                .isEmpty();
        assertThat(services.s3()
                        .listObjectVersions(
                                b -> b.bucket(FunctionServices.BUCKET).prefix("enroll/dan/"))
                        .versions())
                .isEmpty();
        assertThat(person(IdentityApiHandler.GET_PERSON, "dan").getStatusCode()).isEqualTo(404);
        assertThat(person(IdentityApiHandler.DELETE_PERSON, "dan").getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void photos_shouldHandOutAnUploadUrl_whoseUploadFlowsThroughEnrolment() throws Exception {
        // GIVEN an upload URL for a new photo of Erin
        APIGatewayV2HTTPResponse created = person(IdentityApiHandler.CREATE_PHOTO, "erin");
        assertThat(created.getStatusCode()).isEqualTo(201);
        String photoId = body(created).path("photoId").asText();
        assertThat(photoStatus("erin", photoId).getStatusCode()).isEqualTo(404);

        // WHEN the photo is PUT to it
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        body(created).path("uploadUrl").asText()))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(
                                        SyntheticImages.jpeg(300, 300, face(FaceColor.CYAN, 70, 60, 160))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // THEN it is pending until enrolment has handled it, then indexed
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(body(photoStatus("erin", photoId)).path("status").asText()).isEqualTo("PENDING");
        String key = "enroll/erin/" + photoId;
        var head =
                services.s3().headObject(b -> b.bucket(FunctionServices.BUCKET).key(key));
        new dev.facerec.functions.index.IndexFacesHandler(
                        ApiFixture.clients(services),
                        FunctionConfig.defaults(FunctionServices.TABLE),
                        Clock.systemUTC())
                .handleRequest(
                        EventFixtures.s3Event(
                                "object-created-template.json",
                                services.createdEvent(
                                        new Uploaded(key, head.eTag().replace("\"", ""), head.contentLength()),
                                        services.nextSequencer())),
                        new TestContext());
        assertThat(body(photoStatus("erin", photoId)).path("status").asText()).isEqualTo("INDEXED");
        assertThat(body(photoStatus("erin", "../x")).path("code").asText()).isEqualTo("INVALID_PHOTO_ID");
    }

    private static APIGatewayV2HTTPResponse list(Map<String, String> query) {
        return handler.handleRequest(event(IdentityApiHandler.LIST_PEOPLE, null, null, null, query), new TestContext());
    }

    private static APIGatewayV2HTTPResponse person(String route, String personId) {
        return handler.handleRequest(event(route, Map.of("personId", personId), null, null, null), new TestContext());
    }

    private static APIGatewayV2HTTPResponse photoStatus(String personId, String photoId) {
        Map<String, String> path = new HashMap<>();
        path.put("personId", personId);
        path.put("photoId", photoId);
        return handler.handleRequest(event(IdentityApiHandler.GET_PHOTO, path, null, null, null), new TestContext());
    }
}
