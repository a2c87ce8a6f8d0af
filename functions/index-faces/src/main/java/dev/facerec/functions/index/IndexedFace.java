package dev.facerec.functions.index;

import software.amazon.awssdk.services.rekognition.model.FaceRecord;

/**
 * The one face an enrolment photo contributed, indexed and associated to its person's user.
 *
 * @param record           what IndexFaces returned for it
 * @param faceModelVersion the collection's face model version
 */
public record IndexedFace(FaceRecord record, String faceModelVersion) {

    public String faceId() {
        return record.face().faceId();
    }
}
