package dev.facerec.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A collection's journal on disk: an append-only log of framed records ({@code length, CRC-32, payload}), each
 * forced to disk before the call returns, and from time to time a compacted snapshot.
 *
 * <p>Generation {@code g} is {@code snapshot-g.bin} (absent for g = 0) plus {@code log-g.bin}. Compaction writes
 * {@code snapshot-(g+1).tmp}, forces it, renames it atomically, starts {@code log-(g+1).bin} and only then deletes
 * generation g, so a crash at any point leaves one complete generation. On open, a record cut short or failing its
 * checksum at the end of the log (a write torn by a crash) is cut off; a damaged snapshot is an error.
 */
final class FileJournal implements Journal {

    private static final Logger LOG = Logger.getLogger(FileJournal.class.getName());
    private static final Pattern FILE = Pattern.compile("(snapshot|log)-(\\d+)\\.bin");
    private static final long MIN_COMPACTION_BYTES = 8L << 20;
    private static final int MAX_RECORD_BYTES = 256 << 20;

    private final Path directory;
    private long generation;
    private FileChannel log;
    private long snapshotBytes;

    private FileJournal(Path directory, long generation, FileChannel log, long snapshotBytes) {
        this.directory = directory;
        this.generation = generation;
        this.log = log;
        this.snapshotBytes = snapshotBytes;
    }

    /** Starts a new journal in the empty {@code directory} with {@code first} as its first record. */
    static FileJournal create(Path directory, LogRecord first) {
        try {
            Files.createDirectories(directory);
            FileChannel log = openLog(directory.resolve(logName(0)));
            FileJournal journal = new FileJournal(directory, 0, log, 0);
            forceDirectory(directory);
            journal.append(first);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal in " + directory, e);
        }
    }

    /** Opens the journal in {@code directory}, passing every surviving record to {@code replay} in order. */
    static FileJournal open(Path directory, Consumer<LogRecord> replay) throws IOException {
        long generation = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Matcher m = FILE.matcher(name);
                if (name.endsWith(".tmp")) {
                    Files.delete(file);
                } else if (m.matches() && m.group(1).equals("snapshot")) {
                    generation = Math.max(generation, Long.parseLong(m.group(2)));
                }
            }
        }
        Path snapshot = directory.resolve(snapshotName(generation));
        long snapshotBytes = 0;
        if (Files.exists(snapshot)) {
            try (FileChannel channel = FileChannel.open(snapshot, StandardOpenOption.READ)) {
                snapshotBytes = channel.size();
                long end = replay(channel, replay);
                if (end != snapshotBytes) {
                    throw new IOException("snapshot " + snapshot + " is damaged at byte " + end);
                }
            }
        }
        Path logFile = directory.resolve(logName(generation));
        FileChannel log = openLog(logFile);
        long end = replay(log, replay);
        if (end < log.size()) {
            LOG.warning(() -> "cutting off a torn record at byte " + end + " of " + logFile);
            log.truncate(end);
            log.force(true);
        }
        log.position(log.size());
        deleteOlderThan(directory, generation);
        return new FileJournal(directory, generation, log, snapshotBytes);
    }

    @Override
    public synchronized void append(LogRecord record) {
        try {
            writeFrame(log, record);
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the journal in " + directory, e);
        }
    }

    @Override
    public synchronized boolean wantsCompaction() {
        try {
            return log.size() > Math.max(MIN_COMPACTION_BYTES, snapshotBytes);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void compact(Consumer<Consumer<LogRecord>> state) {
        long next = generation + 1;
        Path tmp = directory.resolve(snapshotName(next) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                state.accept(record -> {
                    try {
                        writeFrame(channel, record);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                channel.force(true);
                snapshotBytes = channel.size();
            }
            Files.move(tmp, directory.resolve(snapshotName(next)), StandardCopyOption.ATOMIC_MOVE);
            FileChannel nextLog = openLog(directory.resolve(logName(next)));
            forceDirectory(directory);
            log.close();
            log = nextLog;
            generation = next;
            deleteOlderThan(directory, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the journal in " + directory, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.warning(() -> "closing the journal in " + directory + ": " + e);
        }
    }

    private static void writeFrame(FileChannel channel, LogRecord record) throws IOException {
        byte[] payload = RecordCodec.encode(record);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    /** Replays the frames of {@code channel} from its start; returns the offset after the last intact frame. */
    private static long replay(FileChannel channel, Consumer<LogRecord> replay) throws IOException {
        long position = 0;
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(8);
        while (position + 8 <= size) {
            header.clear();
            channel.read(header, position);
            header.flip();
            int length = header.getInt();
            int expectedCrc = header.getInt();
            if (length < 0 || length > MAX_RECORD_BYTES || position + 8 + length > size) {
                return position;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            while (payload.hasRemaining() && channel.read(payload, position + 8 + payload.position()) > 0) {
                // read fully
            }
            CRC32 crc = new CRC32();
            crc.update(payload.array());
            if ((int) crc.getValue() != expectedCrc) {
                return position;
            }
            replay.accept(RecordCodec.decode(payload.array()));
            position += 8 + length;
        }
        return position;
    }

    private static FileChannel openLog(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void deleteOlderThan(Path directory, long generation) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(2)) < generation) {
                    Files.delete(file);
                }
            }
        }
    }

    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String snapshotName(long generation) {
        return "snapshot-" + generation + ".bin";
    }

    private static String logName(long generation) {
        return "log-" + generation + ".bin";
    }
}
