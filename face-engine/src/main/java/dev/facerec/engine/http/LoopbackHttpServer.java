package dev.facerec.engine.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * JDK HTTP servers on the loopback interface, with Nagle's algorithm off.
 *
 * <p>The JDK server sends a response's headers and its body as separate TCP segments. With Nagle's algorithm on
 * (the JDK's default), the body waits until the client acknowledges the headers, and clients delay that
 * acknowledgement by up to 40 ms: 40 ms added to every call. Measured on the Rekognition server (HttpBenchmark, 2
 * cores): SearchFacesByImage went from 17 to 29 images per second, IndexFaces from 12.6 to 18. The switch,
 * {@code sun.net.httpserver.nodelay}, is JVM-wide and read once, when the JVM's first server is made; every
 * server of the twin is made here, so it is set before any exists (unless the JVM was started with it set).
 */
public final class LoopbackHttpServer {

    /** The JDK's system property for TCP_NODELAY on its HTTP server's connections. */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private LoopbackHttpServer() {}

    /** An unstarted server on 127.0.0.1 and {@code port} (0: any free port). */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
