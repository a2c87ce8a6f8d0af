package dev.facerec.twin.events;

/** A request error in EventBridge's shape: its {@code __type}, HTTP status and message. */
final class EventBridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    EventBridgeException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    static EventBridgeException validation(String message) {
        return new EventBridgeException("ValidationException", 400, message);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }
}
