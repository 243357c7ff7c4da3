package nl.salaronline.smtp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs each probe on a worker thread and waits at most the deadline for it. Two guards keep the bound whatever the
 * server does: every read, write and connect gets at most the time that is left, and shortly before the deadline an
 * alarm closes the probe's sockets (a server that trickles one byte at a time defeats read timeouts). What cannot be
 * interrupted (a hanging DNS lookup) is left behind: the caller gets its report at the deadline regardless.
 */
@Component
class StagedSmtpProbe implements SmtpProbe, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StagedSmtpProbe.class);

	/** Probes running at once, across all users (each user is also limited to a few a minute). */
	private static final int MAX_CONCURRENT = 8;

	private final SmtpSockets sockets;

	private final Supplier<Optional<SmtpAccessTokens>> accessTokens;

	private final Duration deadline;

	private final ThreadPoolExecutor workers;

	private final ScheduledThreadPoolExecutor alarms;

	@Autowired
	StagedSmtpProbe(SmtpSockets sockets, ObjectProvider<SmtpAccessTokens> accessTokens,
			SmtpClientProperties properties) {
		this(sockets, () -> Optional.ofNullable(accessTokens.getIfAvailable()), properties.probeDeadline());
	}

	StagedSmtpProbe(SmtpSockets sockets, Supplier<Optional<SmtpAccessTokens>> accessTokens, Duration deadline) {
		this.sockets = sockets;
		this.accessTokens = accessTokens;
		this.deadline = deadline;
		this.workers = new ThreadPoolExecutor(0, MAX_CONCURRENT, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemon("smtp-probe"));
		this.alarms = new ScheduledThreadPoolExecutor(1, daemon("smtp-probe-deadline"));
		this.alarms.setRemoveOnCancelPolicy(true);
	}

	Duration deadline() {
		return deadline;
	}

	@Override
	public ProbeReport probe(SmtpServer server, String levelAddress) {
		return run(server, levelAddress, null);
	}

	@Override
	public ProbeReport sendTestMail(SmtpServer server, String levelAddress, TestMail mail) {
		return run(server, levelAddress, mail);
	}

	private ProbeReport run(SmtpServer server, String levelAddress, TestMail mail) {
		long started = System.nanoTime();
		// the conversation itself stops a little early, so its own report (not ours) is what the user sees
		long margin = Math.min(Duration.ofMillis(500).toNanos(), deadline.toNanos() / 10);
		long stop = started + deadline.toNanos() - margin;
		ProbeConversation conversation = new ProbeConversation(server, levelAddress, mail, sockets, accessTokens,
				started, stop);
		ScheduledFuture<?> alarm = alarms.schedule(conversation::expire, stop - started, TimeUnit.NANOSECONDS);
		try {
			Future<?> work = workers.submit(conversation::run);
			try {
				work.get(started + deadline.toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				conversation.expire();
				work.cancel(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				conversation.expire();
				work.cancel(true);
			}
			catch (ExecutionException ex) {
				log.warn("Probe of {} ended unexpectedly", server, ex.getCause());
			}
		}
		catch (RejectedExecutionException ex) {
			log.warn("{} probes already running; refused a probe of {}", MAX_CONCURRENT, server);
			conversation.refuse("Too many tests are running at the same time; try again in a moment");
		}
		finally {
			alarm.cancel(false);
		}
		return conversation.report();
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void destroy() {
		workers.shutdownNow();
		alarms.shutdownNow();
	}

}
