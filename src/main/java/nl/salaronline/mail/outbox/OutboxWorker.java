package nl.salaronline.mail.outbox;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.StringUtils;

/**
 * The background sender: claims due mails from the outbox and delivers them, every
 * {@code salaronline.mail.worker.poll-interval} and at once after a mail was handed over in this instance. Several
 * instances may run one each; the outbox's claims keep them apart.
 * <p>
 * The poller claims and routes, and while those mails are sent the claimer thread claims and routes the next ones:
 * one claim at a time, so claims of one instance never overlap. A small pool ({@code salaronline.mail.worker.threads})
 * sends to different levels' servers side by side; one recorder thread records the sent mails. Plain executors
 * rather than {@code @Scheduled}: the worker needs an immediate wake-up beside the fixed delay, and a stop that hands
 * unsent mails back before the database goes away.
 */
@Component
@ConditionalOnBooleanProperty(name = "salaronline.mail.worker.enabled", matchIfMissing = true)
class OutboxWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	private final Outbox outbox;

	private final MailDelivery delivery;

	private final SmtpChannels channels;

	private final OutboxProperties.Worker settings;

	private final String workerId;

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	private volatile boolean running;

	private ScheduledExecutorService poller;

	private ExecutorService senders;

	private ExecutorService claimer;

	private ExecutorService recorder;

	private Instant nextPurge = Instant.now();

	/**
	 * How long {@link #stop} may take: a little less than the phase's timeout
	 * ({@code spring.lifecycle.timeout-per-shutdown-phase}), so that the database is still there for the last records.
	 */
	private final Duration shutdownTimeout;

	OutboxWorker(Outbox outbox, MailDelivery delivery, SmtpChannels channels, OutboxProperties properties,
			@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration shutdownPhase) {
		this.shutdownTimeout = shutdownPhase.minus(shutdownPhase.dividedBy(10));
		this.outbox = outbox;
		this.delivery = delivery;
		this.channels = channels;
		this.settings = properties.worker();
		this.workerId = StringUtils.hasText(settings.id()) ? settings.id() : defaultId();
	}

	String id() {
		return workerId;
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		poller = Executors.newSingleThreadScheduledExecutor(named("mail-outbox-poller"));
		senders = Executors.newFixedThreadPool(Math.max(1, settings.threads()), named("mail-outbox-sender"));
		claimer = Executors.newSingleThreadExecutor(named("mail-outbox-claimer"));
		recorder = Executors.newSingleThreadExecutor(named("mail-outbox-recorder"));
		poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		log.info("Mail outbox worker {} started", workerId);
	}

	/**
	 * Stops claiming, lets the mails on the wire finish (one per channel being sent to), and hands every other claimed
	 * mail back (QUEUED, due at once, the attempt not counted) so another instance takes it now rather than after the
	 * lease. Bounded by {@code spring.lifecycle.timeout-per-shutdown-phase}: a mail still on the wire then (a server
	 * that hangs) keeps its lease and is taken over after it, with its Message-ID.
	 */
	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		long deadline = System.nanoTime() + shutdownTimeout.toNanos();
		running = false; // bursts hand their unsent mails back
		poller.shutdown();
		try {
			// the poller's drain still hands work to the others: shut those down after it
			awaitUntil(poller, deadline);
		}
		finally {
			senders.shutdown();
			claimer.shutdown();
			recorder.shutdown();
		}
		boolean done = awaitUntil(senders, deadline) & awaitUntil(claimer, deadline) & awaitUntil(recorder, deadline);
		channels.closeAll();
		if (done) {
			log.info("Mail outbox worker {} stopped", workerId);
		}
		else {
			log.warn("Mail outbox worker {} stopped after {} with a mail still on the wire: taken over after its lease",
					workerId, shutdownTimeout);
		}
	}

	private static boolean awaitUntil(ExecutorService executor, long deadline) {
		try {
			return executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Before the web server's graceful shutdown: the claims go back to the other instances first. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** A mail was handed over (or put back) here: look at the outbox now rather than at the next poll. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(MailQueued event) {
		if (running && wakeUpPending.compareAndSet(false, true)) {
			try {
				poller.execute(() -> {
					wakeUpPending.set(false);
					drain();
				});
			}
			catch (RuntimeException ex) {
				wakeUpPending.set(false); // stopping: the mail waits in the outbox for the next start
			}
		}
	}

	private void poll() {
		drain();
		try {
			channels.closeIdle();
			if (Instant.now().isAfter(nextPurge)) {
				nextPurge = Instant.now().plus(PURGE_INTERVAL);
				outbox.purgeSentContent();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Mail outbox housekeeping failed: {}", ex.toString());
		}
	}

	/**
	 * Claims and delivers until nothing is due, as a pipeline: the claimer claims and routes the next mails while the
	 * current ones are sent, and the recorder records the sent ones meanwhile. Acceptances of at most two claims
	 * wait to be recorded; all are recorded when this returns. Never throws: a thrown exception would end the
	 * schedule.
	 */
	private void drain() {
		CompletableFuture<MailDelivery.RoutedClaim> ahead = null;
		CompletableFuture<Void> recording = CompletableFuture.completedFuture(null);
		try {
			MailDelivery.RoutedClaim claim = claimAndRoute();
			while (running && !claim.isEmpty()) {
				ahead = CompletableFuture.supplyAsync(this::claimAndRoute, claimer);
				CompletableFuture<Void> recorded = delivery.deliver(claim, senders, recorder, () -> running);
				recording.join(); // the claim before this one: the recorder keeps up with the senders
				recording = recorded;
				claim = ahead.join();
				ahead = null;
			}
			if (!running) {
				outbox.release(claim.claim()); // claimed ahead, but the worker stops
			}
			recording.join();
		}
		catch (RuntimeException ex) {
			log.warn("Mail outbox worker {}: {}", workerId, ex.toString());
			if (ahead != null) {
				releaseWhenClaimed(ahead);
			}
			waitFor(recording);
		}
	}

	private MailDelivery.RoutedClaim claimAndRoute() {
		Claim claim = outbox.claim(workerId, settings.batchSize());
		try {
			return delivery.route(claim);
		}
		catch (RuntimeException ex) {
			// the routes could not be read: hand the mails back now rather than leave them until the lease ends
			try {
				outbox.release(claim);
			}
			catch (RuntimeException notReleased) {
				ex.addSuppressed(notReleased);
			}
			throw ex;
		}
	}

	private void releaseWhenClaimed(CompletableFuture<MailDelivery.RoutedClaim> ahead) {
		try {
			outbox.release(ahead.join().claim());
		}
		catch (RuntimeException ex) {
			log.warn("Mail outbox worker {}: claimed mails not handed back ({}), taken again after the lease",
					workerId, ex.toString());
		}
	}

	private void waitFor(CompletableFuture<Void> recording) {
		try {
			recording.join();
		}
		catch (RuntimeException ex) {
			// the mails stay SENDING until the lease ends and are then sent again: at-least-once
			log.warn("Mail outbox worker {}: sent mails not recorded: {}", workerId, ex.toString());
		}
	}

	private static String defaultId() {
		String host = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
		String id = host + "/" + UUID.randomUUID().toString().substring(0, 8);
		return id.length() <= 100 ? id : id.substring(id.length() - 100);
	}

	private static java.util.concurrent.ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
