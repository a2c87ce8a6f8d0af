package dev.facerec.functions.recognize.camera;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a camera remembers between frames (its state row): the last frame merged, its perceptual hash, and the open
 * sightings. {@code version} orders concurrent writers: a frame's merge is written only if nobody wrote in between.
 *
 * @param version the state row's version, 0 before the first frame
 * @param lastFrameAt epoch milliseconds of the latest frame merged
 * @param lastHash that frame's {@link FrameHash}
 * @param tracks the open sightings
 */
public record CameraState(long version, long lastFrameAt, long lastHash, List<Track> tracks) {

    /** A camera that has seen no frame. */
    public static final CameraState NEW = new CameraState(0, Long.MIN_VALUE, 0, List.of());

    public CameraState {
        tracks = List.copyOf(tracks);
    }

    /** Whether a frame at {@code at} with hash {@code hash} repeats the latest frame (same scene, shortly after). */
    public boolean repeats(long at, long hash, long gapMillis) {
        return version > 0
                && at >= lastFrameAt
                && at - lastFrameAt <= gapMillis
                && FrameHash.distance(hash, lastHash) <= FrameHash.SAME_SCENE_DISTANCE;
    }

    /** The open track of a person. */
    Optional<Track> person(String personId) {
        return tracks.stream().filter(t -> personId.equals(t.personId())).findFirst();
    }

    /** The tracks seen in the latest frame. */
    List<Track> inLatestFrame() {
        return tracks.stream().filter(t -> t.lastSeen() == lastFrameAt).toList();
    }

    /** The next state: {@code tracks} replacing those of the same id, closed ones dropped. */
    CameraState next(long at, long hash, Map<String, Track> changed, long gapMillis) {
        long latest = Math.max(lastFrameAt, at);
        List<Track> kept = new ArrayList<>();
        for (Track track : tracks) {
            Track current = changed.getOrDefault(track.id(), track);
            if (current.lastSeen() + gapMillis >= latest) {
                kept.add(current);
            }
        }
        changed.values().stream()
                .filter(t -> tracks.stream().noneMatch(old -> old.id().equals(t.id())))
                .forEach(kept::add);
        return new CameraState(version + 1, latest, at >= lastFrameAt ? hash : lastHash, kept);
    }
}
