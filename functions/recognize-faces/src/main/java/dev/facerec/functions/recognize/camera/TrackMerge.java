package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.Digests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How the faces of one frame join a camera's sightings, as a video face tracker keeps one track per walk through
 * the view. A sighting stays open across missed frames: it closes only after the sighting gap without a face of
 * it, and its last seen time moves only with a face (or a repeat of a frame it was in).
 *
 * <ul>
 *   <li>A named face (similarity at or above the naming threshold) continues the person's open sighting; without
 *       one, it takes over the open unknown track that was this face before it was named: one whose face resembled
 *       this person (its candidate) and was last seen within reach; otherwise it starts a sighting.
 *   <li>A face not named continues the open sighting of its candidate (the person it resembles above the tracking
 *       threshold) when that sighting was last seen within reach, otherwise the nearest open unknown track within
 *       reach; otherwise it starts an unknown track. A known sighting never takes a face that resembles nobody.
 * </ul>
 *
 * "Within reach" is {@link #MAX_MOVE} of the frame, or {@link #MAX_SPEED} per second since the track was last seen
 * when that is more (a frame or two may miss a face). Named faces are placed first, then faces with a candidate,
 * then the rest; each track takes at most one face not named per frame. Unknown faces are followed by position
 * and by whom they resemble only: no face vector of a passer-by is kept.
 */
public final class TrackMerge {

    /** How far (as a ratio of the frame) a face may move between two frames and stay the same track. */
    static final float MAX_MOVE = 0.2f;
    /** How fast (ratio of the frame per second) a face may move: a walker crosses a frame in two seconds or more. */
    static final float MAX_SPEED = 0.5f;
    /** Sort key prefix of the sighting rows, followed by the first frame's epoch milliseconds and the track id. */
    public static final String SIGHTING_PREFIX = "SIGHTING#";

    private TrackMerge() {}

    /**
     * The result of merging a frame.
     *
     * @param state the camera's next state
     * @param changed the tracks the frame touched (their sighting rows to write)
     * @param started the tracks the frame started, or named (an unknown track taken over by a person)
     */
    public record Merged(CameraState state, List<Track> changed, List<Track> started) {}

    /** Merges the faces of the frame {@code frameKey} at {@code at} into {@code state}. */
    public static Merged merge(
            CameraState state, String frameKey, long at, long hash, List<FaceSeen> faces, long gapMillis) {
        Map<String, Track> changed = new LinkedHashMap<>();
        List<Track> started = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<Integer> order = IntStream.range(0, faces.size())
                .boxed()
                .sorted(Comparator.comparingInt(i -> rank(faces.get(i))))
                .toList();
        for (int i : order) {
            FaceSeen face = faces.get(i);
            List<Track> open = state.tracks().stream()
                    .map(t -> changed.getOrDefault(t.sightingSk(), t))
                    .filter(t -> t.covers(at, gapMillis))
                    .toList();
            Track track;
            if (face.personId() != null) {
                Track own = open.stream()
                        .filter(t -> face.personId().equals(t.personId()))
                        .findFirst()
                        .orElse(null);
                Track before = own != null ? null : unnamedBefore(open, face, at, used);
                if (own != null) {
                    track = own.with(at, face.x(), face.y(), face.score(), frameKey);
                } else if (before != null) {
                    track = before.named(face.personId(), face.lists(), at, face.x(), face.y(), face.score(), frameKey);
                    started.add(track);
                } else {
                    track = start(frameKey, i, at, face);
                    started.add(track);
                }
            } else {
                Track continued = continuedBy(open, face, at, used);
                if (continued == null) {
                    track = start(frameKey, i, at, face);
                    started.add(track);
                } else {
                    float score = continued.personId() != null ? Float.NEGATIVE_INFINITY : face.score();
                    track = continued.with(at, face.x(), face.y(), score, frameKey, face.candidate());
                }
            }
            used.add(track.sightingSk());
            changed.put(track.sightingSk(), track);
        }
        return new Merged(state.next(at, hash, changed, gapMillis), List.copyOf(changed.values()), started);
    }

    /**
     * A frame that repeats the latest one (same scene): the tracks seen in the latest frame are seen at {@code at}
     * too, without any Rekognition call.
     */
    public static Merged repeat(CameraState state, String frameKey, long at, long gapMillis) {
        Map<String, Track> changed = new LinkedHashMap<>();
        for (Track track : state.inLatestFrame()) {
            changed.put(track.sightingSk(), track.with(at, track.x(), track.y(), Float.NEGATIVE_INFINITY, frameKey));
        }
        return new Merged(
                state.next(at, state.lastHash(), changed, gapMillis), List.copyOf(changed.values()), List.of());
    }

    /**
     * When {@code frameKey} holds the claim of {@code merged}'s state: its followers (identical frames not analysed)
     * merged too, as repeats, and the claim released. Otherwise {@code merged} as it is.
     */
    public static Merged withFollowers(Merged merged, String frameKey, long gapMillis) {
        FrameClaim claim = merged.state().claim();
        if (claim == null || !claim.key().equals(frameKey)) {
            return merged;
        }
        Map<String, Track> changed = new LinkedHashMap<>();
        merged.changed().forEach(t -> changed.put(t.sightingSk(), t));
        CameraState state = merged.state();
        List<Map.Entry<String, Long>> followers = claim.followers().entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .toList();
        for (Map.Entry<String, Long> follower : followers) {
            Merged repeated = repeat(state, follower.getKey(), follower.getValue(), gapMillis);
            repeated.changed().forEach(t -> changed.put(t.sightingSk(), t));
            state = repeated.state();
        }
        return new Merged(state.released(), List.copyOf(changed.values()), merged.started());
    }

    private static int rank(FaceSeen face) {
        return face.personId() != null ? 0 : face.candidate() != null ? 1 : 2;
    }

    /** The open unknown track that was the named {@code face} before it was named. */
    private static Track unnamedBefore(List<Track> open, FaceSeen face, long at, Set<String> used) {
        return open.stream()
                .filter(t -> t.personId() == null && !used.contains(t.sightingSk()))
                .filter(t -> face.personId().equals(t.candidate()) && withinReach(t, face, at))
                .min(Comparator.comparingDouble(t -> distance(t, face)))
                .orElse(null);
    }

    /** The open track a face not named continues: its candidate's, or the nearest unknown one, within reach. */
    private static Track continuedBy(List<Track> open, FaceSeen face, long at, Set<String> used) {
        return open.stream()
                .filter(t -> !used.contains(t.sightingSk()) && withinReach(t, face, at))
                .filter(t -> t.personId() == null || t.personId().equals(face.candidate()))
                .min(Comparator.comparingDouble(t -> (t.personId() != null ? -1 : 0) + distance(t, face)))
                .orElse(null);
    }

    private static boolean withinReach(Track track, FaceSeen face, long at) {
        double seconds = Math.abs(at - track.lastSeen()) / 1000.0;
        return distance(track, face) <= Math.max(MAX_MOVE, MAX_SPEED * seconds);
    }

    private static double distance(Track track, FaceSeen face) {
        return Math.hypot(track.x() - face.x(), track.y() - face.y());
    }

    private static Track start(String frameKey, int index, long at, FaceSeen face) {
        String id = face.personId() != null
                ? "P#" + face.personId()
                : "U#" + Digests.sha256Hex(frameKey + "\n" + index).substring(0, 16);
        String sk = SIGHTING_PREFIX + String.format("%015d", at) + "#" + id;
        return new Track(
                id,
                sk,
                face.personId(),
                at,
                at,
                face.x(),
                face.y(),
                face.score(),
                frameKey,
                1,
                face.lists(),
                face.candidate(),
                true);
    }
}
