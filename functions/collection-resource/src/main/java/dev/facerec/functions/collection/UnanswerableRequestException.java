package dev.facerec.functions.collection;

import java.io.IOException;

/** The input cannot be answered: it is not a CloudFormation request with a response URL. */
final class UnanswerableRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    UnanswerableRequestException(String message) {
        super(message);
    }
}
