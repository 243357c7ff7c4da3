package nl.salaronline.smtp.socket;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a write to an SMTP server that has not finished within the timeout, so that a server that stops reading
 * cannot hold a sending thread forever.
 * <p>
 * Hand-written because Angus Mail's own write timeout ({@code WriteTimeoutSocket}) schedules and cancels a timer
 * task around every single write: the timer thread woke several times per mail, which cost about 40 µs of CPU per
 * small mail and a sixth of the bulk sending rate on two cores (docs/PERFORMANCE.md). Here a write only notes when it
 * started; one thread looks at the open connections four times per timeout and closes the one under a write that has
 * taken longer, which ends that write with a {@link java.net.SocketTimeoutException}. A write is so ended after
 * between one and one and a quarter timeouts.
 */
public final class WriteWatchdog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);

	private final Duration timeout;

	private final Set<WatchedSocket> open = ConcurrentHashMap.newKeySet();

	private final ScheduledThreadPoolExecutor checker;

	private boolean started;

	public WriteWatchdog(Duration timeout) {
		this.timeout = timeout;
		this.checker = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "smtp-write-watchdog");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The connection with its writes watched, until it is closed. */
	public Socket watch(Socket socket) throws IOException {
		startOnce();
		WatchedSocket watched = new WatchedSocket(socket, timeout, open::remove);
		open.add(watched);
		return watched;
	}

	private synchronized void startOnce() {
		if (!started) {
			long period = Math.max(10, timeout.toMillis() / 4);
			checker.scheduleWithFixedDelay(this::endOverdueWrites, period, period, TimeUnit.MILLISECONDS);
			started = true;
		}
	}

	private void endOverdueWrites() {
		long now = System.nanoTime();
		for (WatchedSocket socket : open) {
			try {
				if (socket.isClosed()) {
					open.remove(socket); // closed underneath us, e.g. by the TLS layer on top
				}
				else if (socket.writingLongerThan(timeout.toNanos(), now)) {
					log.debug("A write to {} took longer than {}: closing the connection", socket, timeout);
					socket.endWrite();
				}
			}
			catch (RuntimeException ex) {
				// a failure with one connection must not end the watch of the others
				log.warn("Cannot check the write to {}", socket, ex);
			}
		}
	}

	@Override
	public void close() {
		checker.shutdownNow();
	}

}
