package dev.facerec.twin.s3;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.EnumSet;
import java.util.Locale;
import org.gaul.s3proxy.S3Proxy;

/**
 * A servlet filter in front of s3proxy that reads every {@code aws-chunked} request body to its end, trailer
 * included, and checks its trailing checksum ({@link AwsChunkedBody}). It takes any body S3's streaming uploads send:
 * {@code x-amz-content-sha256} {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, {@code …-PAYLOAD-TRAILER} and
 * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}, whoever the client (the functions, the twin's CLI, a user's SDK or
 * CLI). Other requests pass untouched.
 */
final class AwsChunkedFilter implements Filter {

    /**
     * Puts the filter in front of s3proxy's servlet. s3proxy 4.1.0 offers no hook for it: its Jetty server (shaded
     * into its jar) is reached through the private field {@code server}, whose handler is a {@code GracefulHandler}
     * around the {@code ServletContextHandler} that serves S3. Must run before {@code start()}.
     */
    static void install(S3Proxy proxy) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            Object server = field.get(proxy);
            Object graceful = server.getClass().getMethod("getHandler").invoke(server);
            Object context = graceful.getClass().getMethod("getHandler").invoke(graceful);
            context.getClass()
                    .getMethod("addFilter", Filter.class, String.class, EnumSet.class)
                    .invoke(context, new AwsChunkedFilter(), "/*", EnumSet.of(DispatcherType.REQUEST));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "s3proxy's Jetty server is no longer built as this twin expects (s3proxy 4.1.0): cannot put the"
                            + " aws-chunked filter in front of it; check S3 uploads after the upgrade",
                    e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isAwsChunked(http)) {
            chain.doFilter(new Request(http), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isAwsChunked(HttpServletRequest request) {
        String contentSha256 = request.getHeader("x-amz-content-sha256");
        return contentSha256 != null && contentSha256.toUpperCase(Locale.ROOT).startsWith("STREAMING-");
    }

    /** The request with its body read through {@link AwsChunkedBody}. */
    private static final class Request extends HttpServletRequestWrapper {

        private ServletInputStream body;

        Request(HttpServletRequest request) {
            super(request);
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                ServletInputStream original = super.getInputStream();
                body = new Body(original, new AwsChunkedBody(original, getHeader("x-amz-trailer")));
            }
            return body;
        }
    }

    /** A servlet input stream over {@link AwsChunkedBody}; blocking reads only, as s3proxy reads. */
    private static final class Body extends ServletInputStream {

        private final ServletInputStream original;
        private final AwsChunkedBody chunked;

        Body(ServletInputStream original, AwsChunkedBody chunked) {
            this.original = original;
            this.chunked = chunked;
        }

        @Override
        public int read() throws IOException {
            return chunked.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            return chunked.read(target, offset, length);
        }

        @Override
        public int available() {
            return chunked.available();
        }

        @Override
        public boolean isFinished() {
            return chunked.isFinished();
        }

        @Override
        public boolean isReady() {
            return chunked.available() > 0 || original.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the twin's S3 reads aws-chunked bodies with blocking reads only");
        }

        @Override
        public void close() throws IOException {
            chunked.close();
        }
    }
}
