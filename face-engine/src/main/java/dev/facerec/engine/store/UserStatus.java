package dev.facerec.engine.store;

/**
 * Rekognition's user status. Associations are applied synchronously here, so a user is {@code CREATED} while it
 * has no face and {@code ACTIVE} once it has one; {@code UPDATING} is never observed.
 */
public enum UserStatus {
    CREATED,
    UPDATING,
    ACTIVE
}
