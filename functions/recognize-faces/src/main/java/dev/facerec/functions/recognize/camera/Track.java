package dev.facerec.functions.recognize.camera;

import java.util.List;

/**
 * An open sighting of one camera: a known person ({@code personId}) or an unknown face followed by where it is in the
 * frame. Kept in the camera's state row while open; the sighting row is written from it.
 *
 * @param id the track id: {@code P#<personId>} or {@code U#<id>}
 * @param sightingSk the sort key of its sighting row
 * @param personId the person, or {@code null} for an unknown face
 * @param firstSeen epoch milliseconds of its first frame
 * @param lastSeen epoch milliseconds of its last frame
 * @param x the face's centre in its last frame, as a ratio of the width
 * @param y the face's centre in its last frame, as a ratio of the height
 * @param best the best score so far: similarity for a person, detection confidence for an unknown face
 * @param bestFrameKey the frame of the best score
 * @param frames frames merged into it
 * @param lists the person's watch lists
 * @param candidate for an unknown face: the enrolled person it last resembled below the naming threshold, or
 *     {@code null} (lets that person's first named frame take this track over)
 * @param pending whether its "Sighting Started" event is still to be published (set when it starts or is named,
 *     cleared once published: a frame that fails in between leaves it to the camera's next frame)
 */
public record Track(
        String id,
        String sightingSk,
        String personId,
        long firstSeen,
        long lastSeen,
        float x,
        float y,
        float best,
        String bestFrameKey,
        long frames,
        List<String> lists,
        String candidate,
        boolean pending) {

    public Track {
        lists = List.copyOf(lists);
    }

    /** Whether a frame at {@code at} belongs to this sighting: within {@code gapMillis} of its time span. */
    boolean covers(long at, long gapMillis) {
        return at >= firstSeen - gapMillis && at <= lastSeen + gapMillis;
    }

    /** This track with one more frame merged in. */
    Track with(long at, float faceX, float faceY, float score, String frameKey) {
        return with(at, faceX, faceY, score, frameKey, null);
    }

    /** This track with one more frame merged in, remembering the face's candidate (when it has one). */
    Track with(long at, float faceX, float faceY, float score, String frameKey, String faceCandidate) {
        boolean latest = at >= lastSeen;
        boolean better = score > best;
        return new Track(
                id,
                sightingSk,
                personId,
                Math.min(firstSeen, at),
                Math.max(lastSeen, at),
                latest ? faceX : x,
                latest ? faceY : y,
                better ? score : best,
                better ? frameKey : bestFrameKey,
                frames + 1,
                lists,
                faceCandidate != null && latest ? faceCandidate : candidate,
                pending);
    }

    /**
     * This unknown track taken over by {@code person}, named in the frame at {@code at}: the sighting keeps its
     * first frame and row, and is now the person's (with their similarity as its best score).
     */
    Track named(
            String person,
            List<String> personLists,
            long at,
            float faceX,
            float faceY,
            float similarity,
            String frameKey) {
        boolean latest = at >= lastSeen;
        return new Track(
                "P#" + person,
                sightingSk,
                person,
                Math.min(firstSeen, at),
                Math.max(lastSeen, at),
                latest ? faceX : x,
                latest ? faceY : y,
                similarity,
                frameKey,
                frames + 1,
                personLists,
                null,
                true);
    }
}
