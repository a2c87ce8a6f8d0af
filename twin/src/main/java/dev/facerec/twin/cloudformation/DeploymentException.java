package dev.facerec.twin.cloudformation;

/** A deployment that stopped at a resource; what was deployed before it is kept in the stack record. */
public class DeploymentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
