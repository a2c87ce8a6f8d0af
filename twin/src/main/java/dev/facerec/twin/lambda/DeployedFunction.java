package dev.facerec.twin.lambda;

/**
 * A function the service runs: its definition, its asynchronous settings, its environments and its event queue.
 *
 * @param instances the on-demand environments of {@code $LATEST} (also what asynchronous events run in)
 * @param snapStart the environments of the latest published version of a SnapStart function, initialised ahead of
 *     need; {@code null} without SnapStart or before a version is published
 */
record DeployedFunction(
        FunctionConfiguration function,
        EventInvokeConfig invokeConfig,
        FunctionInstances instances,
        FunctionInstances snapStart,
        AsyncEventQueue queue)
        implements AutoCloseable {

    /** This function with the environments of a newly published SnapStart version. */
    DeployedFunction withSnapStart(FunctionInstances published) {
        return new DeployedFunction(function, invokeConfig, instances, published, queue);
    }

    @Override
    public void close() {
        queue.close();
        instances.close();
        if (snapStart != null) {
            snapStart.close();
        }
    }
}
