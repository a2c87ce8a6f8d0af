package dev.facerec.twin.lambda;

import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The twin's Lambda: functions defined from the template, each run in JVM processes through the Runtime Interface
 * Client; synchronous invocation ({@code RequestResponse}) and asynchronous invocation ({@code Event}) with Lambda's
 * queue, retries, event age limit, concurrency cap and destinations. Function definitions and queued events persist
 * in the data directory: a new service on the same directory finds them again.
 *
 * <p>SnapStart ({@link FunctionConfiguration#snapStart()}): publishing a version initialises an environment of it
 * (the handler loaded, the {@code beforeCheckpoint} hooks run) before {@link #publishVersion} returns, as Lambda
 * creates the snapshot while it publishes; synchronous invocations of the version (or of an alias of it) get that
 * environment, which runs the {@code afterRestore} hooks on its first invocation. No memory snapshot is taken.
 */
public final class LambdaService implements AutoCloseable {

    private final LambdaSettings settings;
    private final FunctionStore store;
    private final CodeUnpacker unpacker;
    private final ExecutorService runtimeApiThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lambda-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, DeployedFunction> functions = new ConcurrentHashMap<>();
    private final VersionRegistry versions;
    private final PermissionRegistry permissions;
    private SqsClient sqs;

    public LambdaService(LambdaSettings settings) {
        this.settings = settings;
        this.store = new FunctionStore(settings.dataDirectory().resolve("functions"));
        this.unpacker = new CodeUnpacker(settings.dataDirectory().resolve("code"));
        this.versions = new VersionRegistry(settings.dataDirectory().resolve("versions.json"));
        this.permissions = new PermissionRegistry(settings.dataDirectory().resolve("permissions.json"));
        store.loadAll().forEach(this::deploy);
    }

    /** Creates a function, or replaces its definition (warm environments of the old one are stopped). */
    public synchronized void putFunction(FunctionConfiguration function) {
        DeployedFunction old = functions.get(function.name());
        EventInvokeConfig invokeConfig = old == null ? null : old.invokeConfig();
        store.save(function, invokeConfig);
        deploy(function, invokeConfig);
    }

    /** Sets how the function's asynchronous invocations are retried and where their records go. */
    public synchronized void putEventInvokeConfig(String functionName, EventInvokeConfig invokeConfig) {
        if (invokeConfig != null) {
            checkDestination(invokeConfig.onSuccessDestination());
            checkDestination(invokeConfig.onFailureDestination());
        }
        FunctionConfiguration function = deployed(functionName).function();
        store.save(function, invokeConfig);
        deploy(function, invokeConfig);
    }

    /** Deletes a function; its queued events are dropped with it, as in Lambda. */
    public synchronized void deleteFunction(String functionName) {
        DeployedFunction removed = functions.remove(functionName);
        if (removed != null) {
            removed.close();
            store.delete(functionName);
            deleteQueuedEvents(functionName);
            versions.forgetFunction(functionName);
        }
    }

    /**
     * Publishes a version of the function ({@code PublishVersion}) and returns its number. For a SnapStart function,
     * returns once an environment of the version is initialised; fails (and deletes the version) if its init fails.
     */
    public String publishVersion(String functionName) {
        FunctionInstances published;
        String version;
        String name;
        synchronized (this) {
            DeployedFunction function = deployed(functionName);
            name = function.function().name();
            version = versions.publish(name);
            if (!function.function().snapStart() || !function.function().isRunnable()) {
                return version;
            }
            published = snapStartInstances(function.function(), function.instances(), version);
            functions.put(name, function.withSnapStart(published));
            if (function.snapStart() != null) {
                function.snapStart().close();
            }
        }
        Optional<String> failure = published.awaitSnapStart();
        if (failure.isPresent()) {
            versions.deleteVersion(name, version);
            throw new IllegalStateException("SnapStart could not initialise version " + version + " of function " + name
                    + ": " + failure.get());
        }
        return version;
    }

    public void deleteVersion(String functionName, String version) {
        versions.deleteVersion(functionName, version);
    }

    /** Creates or moves an alias to a published version (or {@code $LATEST}). */
    public void putAlias(String functionName, String alias, String version) {
        versions.putAlias(deployed(functionName).function().name(), alias, version);
    }

    public void deleteAlias(String functionName, String alias) {
        versions.deleteAlias(functionName, alias);
    }

    /** Adds (or replaces) a statement of a function's resource-based policy ({@code AddPermission}). */
    public void addPermission(String statementId, FunctionPermission permission) {
        permissions.put(statementId, permission);
    }

    public void removePermission(String statementId) {
        permissions.remove(statementId);
    }

    public boolean hasPermission(String statementId) {
        return permissions.has(statementId);
    }

    /**
     * Whether the resource-based policy of the function, version or alias lets the service {@code principal}
     * invoke it from {@code sourceArn}. As in Lambda, a statement on the unqualified function does not cover its
     * versions and aliases, nor the other way round.
     */
    public boolean allowsInvoke(String functionNameOrArn, String principal, String sourceArn) {
        return permissions.allowsInvoke(
                FunctionReference.parse(functionNameOrArn), principal, sourceArn, settings.accountId());
    }

    public Optional<FunctionConfiguration> function(String functionName) {
        return Optional.ofNullable(functions.get(functionName)).map(DeployedFunction::function);
    }

    public Optional<EventInvokeConfig> eventInvokeConfig(String functionName) {
        return Optional.ofNullable(functions.get(functionName)).map(DeployedFunction::invokeConfig);
    }

    public String functionArn(String functionName) {
        return settings.functionArn(functionName);
    }

    /** Invokes a function and waits for its result ({@code InvocationType=RequestResponse}). */
    public InvocationResult invoke(String functionNameOrArn, byte[] payload) {
        DeployedFunction function = deployed(functionNameOrArn);
        FunctionInstances instances =
                function.snapStart() != null && versions.isPublishedVersion(FunctionReference.parse(functionNameOrArn))
                        ? function.snapStart()
                        : function.instances();
        String requestId = UUID.randomUUID().toString();
        try {
            return instances.invoke(requestId, payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvocationResult.failure(requestId, "Runtime.Interrupted", "the twin is shutting down");
        }
    }

    /** Queues an event for the function ({@code InvocationType=Event}) and returns its request id at once. */
    public String invokeAsync(String functionNameOrArn, byte[] payload) {
        return deployed(functionNameOrArn).queue().submit(payload);
    }

    /** How many asynchronous events of the function are not done: queued, waiting for a retry, or running. */
    public int pendingEvents(String functionName) {
        return deployed(functionName).queue().pending();
    }

    /** How many invocations of the function may run at once: its reserved concurrency, or the twin's default cap. */
    public int concurrency(String functionNameOrArn) {
        return deployed(functionNameOrArn).instances().concurrency();
    }

    /** How many execution environments (JVM processes) the function has now. */
    public int environments(String functionName) {
        return deployed(functionName).instances().environments();
    }

    /** Where the output of the function's processes goes (its "log group"). */
    public Path logFile(String functionName) {
        return settings.dataDirectory().resolve("logs").resolve(functionName + ".log");
    }

    @Override
    public synchronized void close() {
        functions.values().forEach(DeployedFunction::close);
        functions.clear();
        runtimeApiThreads.shutdownNow();
        if (sqs != null) {
            sqs.close();
        }
    }

    private void deploy(FunctionConfiguration function, EventInvokeConfig invokeConfig) {
        DeployedFunction old = functions.remove(function.name());
        if (old != null) {
            old.close();
        }
        EventInvokeConfig effective = invokeConfig == null ? EventInvokeConfig.DEFAULT : invokeConfig;
        FunctionInstances instances = new FunctionInstances(
                function,
                settings,
                function.isRunnable() ? unpacker.taskRoot(function.code()) : null,
                prepareLog(function.name()),
                runtimeApiThreads,
                new Semaphore(FunctionInstances.concurrency(function, settings), true));
        String latest = versions.latestVersion(function.name());
        FunctionInstances snapStart = null;
        if (function.snapStart() && function.isRunnable() && latest != null) {
            snapStart = snapStartInstances(function, instances, latest);
            snapStart.prepareSnapStart();
        }
        AsyncEventQueue queue = new AsyncEventQueue(
                functionArn(function.name()),
                instances,
                effective,
                settings.retryDelays(),
                new EventStore(eventDirectory(function.name())),
                this::sendToDestination);
        functions.put(function.name(), new DeployedFunction(function, invokeConfig, instances, snapStart, queue));
    }

    /** The environments of a published version of a SnapStart function (sharing the function's concurrency cap). */
    private FunctionInstances snapStartInstances(
            FunctionConfiguration function, FunctionInstances latest, String version) {
        return new FunctionInstances(
                function,
                settings,
                unpacker.taskRoot(function.code()),
                logFile(function.name()),
                runtimeApiThreads,
                latest.permits(),
                version);
    }

    /**
     * The function a name or ARN names; a version or alias ARN resolves to its function (which runs the current code)
     * if that version or alias exists.
     */
    private DeployedFunction deployed(String functionNameOrArn) {
        FunctionReference reference = FunctionReference.parse(functionNameOrArn);
        DeployedFunction function = functions.get(reference.name());
        if (function == null || !versions.exists(reference)) {
            throw new IllegalArgumentException("Function not found: " + functionNameOrArn);
        }
        return function;
    }

    private void sendToDestination(String destinationArn, String record) {
        if (destinationArn.startsWith("arn:aws:lambda:")) {
            invokeAsync(destinationArn, record.getBytes(StandardCharsets.UTF_8));
            return;
        }
        SqsClients.sendToQueue(sqs(), destinationArn, record);
    }

    private synchronized SqsClient sqs() {
        if (sqs == null) {
            String endpoint = settings.serviceEndpoints().get("AWS_ENDPOINT_URL_SQS");
            if (endpoint == null) {
                throw new IllegalStateException(
                        "an SQS destination needs the twin's SQS endpoint (AWS_ENDPOINT_URL_SQS)");
            }
            sqs = SqsClients.create(URI.create(endpoint), settings.region());
        }
        return sqs;
    }

    private static void checkDestination(String arn) {
        if (arn != null && !arn.startsWith("arn:aws:sqs:") && !arn.startsWith("arn:aws:lambda:")) {
            throw new IllegalArgumentException("the twin delivers asynchronous invocation records to SQS queues and "
                    + "Lambda functions only; unsupported destination: " + arn);
        }
    }

    private Path prepareLog(String functionName) {
        Path log = logFile(functionName);
        try {
            Files.createDirectories(log.getParent());
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + log.getParent(), e);
        }
    }

    private Path eventDirectory(String functionName) {
        return settings.dataDirectory().resolve("events").resolve(functionName);
    }

    private void deleteQueuedEvents(String functionName) {
        EventStore events = new EventStore(eventDirectory(functionName));
        events.loadAll().forEach(event -> events.delete(event.requestId()));
    }
}
