package nl.salaronline.smtp.socket;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/**
 * A connection whose writes {@link WriteWatchdog} watches. It extends Angus Mail's {@link WriteTimeoutSocket} for
 * its delegation of every socket method to the connected socket, and replaces only the output stream, so that no
 * timer task is scheduled around a write.
 */
final class WatchedSocket extends WriteTimeoutSocket {

	private static final long NOT_WRITING = Long.MIN_VALUE;

	private final Socket socket;

	private final Duration timeout;

	private final Consumer<WatchedSocket> onClose;

	/** {@link System#nanoTime()} when the write under way started, or {@link #NOT_WRITING} */
	private volatile long writeStarted = NOT_WRITING;

	private volatile boolean ended;

	private OutputStream stream;

	WatchedSocket(Socket socket, Duration timeout, Consumer<WatchedSocket> onClose) throws IOException {
		super(socket, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()), null); // no timer tasks: never used
		this.socket = socket;
		this.timeout = timeout;
		this.onClose = onClose;
	}

	@Override
	public synchronized OutputStream getOutputStream() throws IOException {
		if (stream == null) {
			stream = new WatchedOutputStream(socket.getOutputStream());
		}
		return stream;
	}

	boolean writingLongerThan(long nanos, long now) {
		long started = writeStarted;
		return started != NOT_WRITING && now - started > nanos;
	}

	/** Closes the connection under the write, which ends it with an exception. */
	void endWrite() {
		ended = true;
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is all that is left to do
		}
	}

	@Override
	public void close() throws IOException {
		onClose.accept(this);
		super.close();
	}

	private final class WatchedOutputStream extends FilterOutputStream {

		WatchedOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			writeStarted = System.nanoTime();
			try {
				out.write(b);
			}
			catch (IOException ex) {
				throw ended ? timedOut(ex) : ex;
			}
			finally {
				writeStarted = NOT_WRITING;
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			writeStarted = System.nanoTime();
			try {
				out.write(bytes, offset, length);
			}
			catch (IOException ex) {
				throw ended ? timedOut(ex) : ex;
			}
			finally {
				writeStarted = NOT_WRITING;
			}
		}

		private IOException timedOut(IOException cause) {
			SocketTimeoutException timedOut = new SocketTimeoutException(
					"Write timed out after " + timeout.toMillis() + " ms: the server stopped taking the data");
			timedOut.initCause(cause);
			return timedOut;
		}

	}

}
