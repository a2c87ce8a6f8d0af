package dev.facerec.twin.lambda;

/** A function the service runs: its definition, its asynchronous settings, its environments and its event queue. */
record DeployedFunction(
        FunctionConfiguration function,
        EventInvokeConfig invokeConfig,
        FunctionInstances instances,
        AsyncEventQueue queue)
        implements AutoCloseable {

    InvocationResult invoke(String requestId, byte[] payload) throws InterruptedException {
        return instances.invoke(requestId, payload);
    }

    @Override
    public void close() {
        queue.close();
        instances.close();
    }
}
