package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.Digests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the faces of one frame join a camera's sightings. A known person continues their open sighting when the frame
 * lies within the gap of it, otherwise starts a new one. An unknown face continues the nearest open unknown track
 * whose face was close to where it is now (people walk a short way between two frames a
 * fraction of a second apart: {@link #MAX_MOVE}, or {@link #MAX_SPEED} per second since the track was last seen when
 * that is more, since a frame or two may miss a face), otherwise starts a new track; unknown faces are followed by position only, so no face
 * vector of a passer-by is kept anywhere.
 */
public final class TrackMerge {

    /** How far (as a ratio of the frame) an unknown face may move between two frames and stay the same track. */
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
     * @param started the tracks the frame started
     */
    public record Merged(CameraState state, List<Track> changed, List<Track> started) {}

    /** Merges the faces of the frame {@code frameKey} at {@code at} into {@code state}. */
    public static Merged merge(
            CameraState state, String frameKey, long at, long hash, List<FaceSeen> faces, long gapMillis) {
        Map<String, Track> changed = new LinkedHashMap<>();
        List<Track> started = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < faces.size(); i++) {
            FaceSeen face = faces.get(i);
            Track open = face.personId() != null
                    ? state.person(face.personId())
                            .filter(t -> t.covers(at, gapMillis))
                            .orElse(null)
                    : nearestUnknown(state, face, at, gapMillis, used);
            Track track = open == null ? null : changed.getOrDefault(open.id(), open);
            if (track == null || used.contains(track.id()) && face.personId() == null) {
                track = start(frameKey, i, at, face);
                started.add(track);
            } else {
                track = track.with(at, face.x(), face.y(), face.score(), frameKey);
            }
            used.add(track.id());
            changed.put(track.id(), track);
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
            changed.put(track.id(), track.with(at, track.x(), track.y(), Float.NEGATIVE_INFINITY, frameKey));
        }
        return new Merged(
                state.next(at, state.lastHash(), changed, gapMillis), List.copyOf(changed.values()), List.of());
    }

    private static Track nearestUnknown(CameraState state, FaceSeen face, long at, long gapMillis, Set<String> used) {
        Track nearest = null;
        double best = Double.MAX_VALUE;
        for (Track track : state.tracks()) {
            if (track.personId() != null || used.contains(track.id()) || !track.covers(at, gapMillis)) {
                continue;
            }
            double seconds = Math.abs(at - track.lastSeen()) / 1000.0;
            double reach = Math.max(MAX_MOVE, MAX_SPEED * seconds);
            double distance = Math.hypot(track.x() - face.x(), track.y() - face.y());
            if (distance <= reach && distance < best) {
                best = distance;
                nearest = track;
            }
        }
        return nearest;
    }

    private static Track start(String frameKey, int index, long at, FaceSeen face) {
        String id = face.personId() != null
                ? "P#" + face.personId()
                : "U#" + Digests.sha256Hex(frameKey + "\n" + index).substring(0, 16);
        String sk = SIGHTING_PREFIX + String.format("%015d", at) + "#" + id;
        return new Track(id, sk, face.personId(), at, at, face.x(), face.y(), face.score(), frameKey, 1, face.lists());
    }
}
