package dev.facerec.functions.recognize.camera;

import java.util.Map;

/**
 * A frame being analysed (its Rekognition calls under way), as the camera's state row records it before those
 * calls: another invocation holding a frame of the same scene shortly after or before does not analyse it again but
 * adds it to {@code followers}, and the claiming frame merges them, as repeats, together with its own faces.
 *
 * @param key the claiming frame's key
 * @param hash its {@link FrameHash}
 * @param at its timecode, epoch milliseconds
 * @param until when the claim lapses (epoch milliseconds, wall clock): the claiming invocation's time is up, and a
 *     retry or another frame may claim again; followers left behind are then merged by the next claimant
 * @param followers the frames that repeat it: key to timecode
 */
record FrameClaim(String key, long hash, long at, long until, Map<String, Long> followers) {

    FrameClaim {
        followers = Map.copyOf(followers);
    }

    /** Whether a frame at {@code frameAt} with {@code frameHash}, other than the claiming one, repeats it. */
    boolean coveredBy(String frameKey, long frameAt, long frameHash, long gapMillis, long now) {
        return now <= until
                && !key.equals(frameKey)
                && Math.abs(frameAt - at) <= gapMillis
                && FrameHash.distance(frameHash, hash) <= FrameHash.SAME_SCENE_DISTANCE;
    }

    /** Whether someone else holds it still. */
    boolean heldByAnother(String frameKey, long now) {
        return now <= until && !key.equals(frameKey);
    }
}
