package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The function jars hold only the part of the AWS SDK their handlers reach (ProGuard shrinks them, see
 * functions/lambda-shrink.pro): each jar must still load on its own, build every SDK client it holds, and hold the
 * request marshaller (and paginator) of every SDK operation its code calls.
 */
class FunctionJarsTest {

    private static final String SERVICE = "software/amazon/awssdk/services/\\w+/";
    private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/(\\w+)/(\\w+)Client");
    /** A client interface or implementation: it names every operation's marshaller; the calls decide which stay. */
    private static final Pattern CLIENT_CLASS =
            Pattern.compile("software/amazon/awssdk/services/\\w+/(Default|Delegating)?\\w+Client(\\$.*)?\\.class");

    private static final Pattern MARSHALLER =
            Pattern.compile("^software/amazon/awssdk/services/\\w+/transform/\\w+RequestMarshaller$");
    private static final Pattern DEFAULT_CLIENT =
            Pattern.compile("software/amazon/awssdk/services/(\\w+)/Default(\\w+)Client\\.class");
    private static final String PRESIGNER = "software.amazon.awssdk.services.s3.presigner.S3Presigner";
    private static final Set<String> NOT_OPERATIONS =
            Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration", "waiter", "utilities");

    @ParameterizedTest
    @FieldSource("dev.facerec.infra.LambdaAssets#FUNCTIONS")
    void everySdkOperationTheJarCalls_shouldHaveItsMarshallerInTheJar(String function) throws IOException {
        // GIVEN the SDK client calls in the function's own classes, and the marshallers the SDK's other classes build
        // (the S3 presigner builds nine when it is built)
        Set<String> entries = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        try (JarFile jar = new JarFile(LambdaAssets.extract(function).toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                entries.add(name);
                if (name.startsWith("dev/facerec/") && name.endsWith(".class")) {
                    for (ClassReferences.MethodRef call :
                            ClassReferences.methodRefs(jar.getInputStream(entry).readAllBytes())) {
                        required.addAll(classesFor(call));
                    }
                } else if (name.startsWith("software/amazon/awssdk/services/")
                        && name.endsWith(".class")
                        && !CLIENT_CLASS.matcher(name).matches()) {
                    ClassReferences.classRefs(jar.getInputStream(entry).readAllBytes()).stream()
                            .filter(MARSHALLER.asPredicate())
                            .forEach(marshaller -> required.add(marshaller + ".class"));
                }
            }
        }

        // THEN the jar has what each call needs, for every service module it holds (a module left out on purpose,
        // such as SQS where no queue reaches the function, takes its callers' code paths with it)
        required.removeIf(needed -> !entries.contains(needed.replaceFirst("^(" + SERVICE + ").*", "$1model/")));
        assertThat(required).as("SDK calls found").isNotEmpty();
        assertThat(entries).containsAll(required);
    }

    @ParameterizedTest
    @FieldSource("dev.facerec.infra.LambdaAssets#FUNCTIONS")
    void jar_shouldLoadItsClassesAndBuildEverySdkClient_onItsOwn(String function) throws Exception {
        // GIVEN the jar alone on a class path (as Lambda runs it)
        Path jarPath = LambdaAssets.extract(function);
        List<String> ownClasses = new ArrayList<>();
        List<String> services = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            jar.stream().map(JarEntry::getName).forEach(name -> {
                if (name.startsWith("dev/facerec/") && name.endsWith(".class")) {
                    ownClasses.add(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
                Matcher client = DEFAULT_CLIENT.matcher(name);
                if (client.matches()) {
                    services.add(
                            "software.amazon.awssdk.services." + client.group(1) + "." + client.group(2) + "Client");
                }
                if (name.equals("software/amazon/awssdk/services/s3/presigner/S3Presigner.class")) {
                    services.add(PRESIGNER);
                }
            });
        }
        Map<String, String> failures = new TreeMap<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jarPath.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            // WHEN every class of the function's own code is loaded and initialized
            for (String name : ownClasses) {
                try {
                    Class.forName(name, true, loader);
                } catch (LinkageError | ReflectiveOperationException e) {
                    failures.put(name, e.toString());
                }
            }
            // AND every SDK client (and the S3 presigner) in the jar is built (the bytecode verifier checks the whole
            // client class, the HTTP client comes from the SDK's service loader)
            for (String service : services) {
                try {
                    buildAndClose(loader, service);
                } catch (Exception | LinkageError e) {
                    failures.put(service, String.valueOf(e.getCause() != null ? e.getCause() : e));
                }
            }
        }

        // THEN nothing is missing
        assertThat(services).as("SDK clients in the jar").isNotEmpty();
        assertThat(failures).isEmpty();
    }

    /** The jar entries an SDK call needs: its request marshaller, and its paginator for a {@code ...Paginator}. */
    private static List<String> classesFor(ClassReferences.MethodRef call) {
        Matcher client = CLIENT.matcher(call.owner());
        if (!client.matches() || NOT_OPERATIONS.contains(call.name())) {
            return List.of();
        }
        String method = call.name().replaceFirst("(Paginator|AsBytes)$", "");
        String operation = Character.toUpperCase(method.charAt(0)) + method.substring(1);
        String service = "software/amazon/awssdk/services/" + client.group(1) + "/";
        List<String> needed = new ArrayList<>();
        needed.add(service + "transform/" + operation + "RequestMarshaller.class");
        if (call.name().endsWith("Paginator")) {
            needed.add(service + "paginators/" + operation + "Iterable.class");
        }
        return needed;
    }

    private static void buildAndClose(ClassLoader loader, String clientInterface) throws Exception {
        Class<?> region = loader.loadClass("software.amazon.awssdk.regions.Region");
        boolean presigner = clientInterface.equals(PRESIGNER);
        Class<?> awsBuilder = loader.loadClass(
                presigner
                        ? "software.amazon.awssdk.awscore.presigner.SdkPresigner$Builder"
                        : "software.amazon.awssdk.awscore.client.builder.AwsClientBuilder");
        Class<?> sdkBuilder = presigner
                ? awsBuilder
                : loader.loadClass("software.amazon.awssdk.core.client.builder.SdkClientBuilder");
        Class<?> credentials = loader.loadClass("software.amazon.awssdk.auth.credentials.AwsCredentialsProvider");
        Object builder = loader.loadClass(clientInterface).getMethod("builder").invoke(null);
        awsBuilder
                .getMethod("region", region)
                .invoke(builder, region.getMethod("of", String.class).invoke(null, "us-east-1"));
        awsBuilder
                .getMethod("credentialsProvider", credentials)
                .invoke(
                        builder,
                        loader.loadClass("software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider")
                                .getMethod("create")
                                .invoke(null));
        sdkBuilder.getMethod("endpointOverride", URI.class).invoke(builder, URI.create("http://127.0.0.1:9"));
        Object client = (presigner ? awsBuilder : loader.loadClass("software.amazon.awssdk.utils.builder.SdkBuilder"))
                .getMethod("build")
                .invoke(builder);
        ((AutoCloseable) client).close();
    }
}
