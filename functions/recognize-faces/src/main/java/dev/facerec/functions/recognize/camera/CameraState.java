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
 * @param claimRev counts the writes of claims and followers: a merge is written only if none happened in between
 * @param claim the frame being analysed, or {@code null}
 */
public record CameraState(
        long version, long lastFrameAt, long lastHash, List<Track> tracks, long claimRev, FrameClaim claim) {

    /** A camera that has seen no frame. */
    public static final CameraState NEW = new CameraState(0, Long.MIN_VALUE, 0, List.of());

    public CameraState {
        tracks = List.copyOf(tracks);
    }

    /** A state without claims. */
    public CameraState(long version, long lastFrameAt, long lastHash, List<Track> tracks) {
        this(version, lastFrameAt, lastHash, tracks, 0, null);
    }

    /** This state as {@link SightingStore#claim} leaves it: the frame's claim, the earlier claim's followers kept. */
    CameraState claimed(String key, long hash, long at, long until) {
        Map<String, Long> followers = claim == null ? Map.of() : claim.followers();
        return new CameraState(
                version, lastFrameAt, lastHash, tracks, claimRev + 1, new FrameClaim(key, hash, at, until, followers));
    }

    /** This state with the claim released (its frame merged, with its followers). */
    CameraState released() {
        return new CameraState(version, lastFrameAt, lastHash, tracks, claimRev, null);
    }

    /**
     * Whether a frame at {@code at} with hash {@code hash} repeats the latest frame (same scene, within the gap of it:
     * shortly after, or shortly before when frames arrive out of order).
     */
    public boolean repeats(long at, long hash, long gapMillis) {
        return version > 0
                && Math.abs(at - lastFrameAt) <= gapMillis
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

    /**
     * The next state: {@code changed} (by sighting sort key) replacing the tracks of the same sighting, closed ones
     * dropped.
     */
    CameraState next(long at, long hash, Map<String, Track> changed, long gapMillis) {
        long latest = Math.max(lastFrameAt, at);
        List<Track> kept = new ArrayList<>();
        for (Track track : tracks) {
            Track current = changed.getOrDefault(track.sightingSk(), track);
            if (current.lastSeen() + gapMillis >= latest) {
                kept.add(current);
            }
        }
        changed.values().stream()
                .filter(t -> tracks.stream().noneMatch(old -> old.sightingSk().equals(t.sightingSk())))
                .forEach(kept::add);
        return new CameraState(version + 1, latest, at >= lastFrameAt ? hash : lastHash, kept, claimRev, claim);
    }
}
