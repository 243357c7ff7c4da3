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
 * A single poller thread does the claiming (so claims of one instance never overlap); a small pool
 * ({@code salaronline.mail.worker.threads}) sends to different levels' servers side by side. Plain executors rather
 * than {@code @Scheduled}: the worker needs an immediate wake-up beside the fixed delay, and a stop that hands
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

	private Instant nextPurge = Instant.now();

	OutboxWorker(Outbox outbox, MailDelivery delivery, SmtpChannels channels, OutboxProperties properties) {
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
		poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		log.info("Mail outbox worker {} started", workerId);
	}

	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false; // bursts hand their unsent mails back
		poller.shutdown();
		try {
			// the poller's drain still hands work to the senders and the claimer: shut those down after it
			poller.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			senders.shutdown();
			claimer.shutdown();
		}
		try {
			senders.awaitTermination(30, TimeUnit.SECONDS);
			claimer.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		channels.closeAll();
		log.info("Mail outbox worker {} stopped", workerId);
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
	 * Claims and delivers until nothing is due, claiming the next mails while the current ones are sent (the database
	 * and the SMTP server work side by side). Never throws: a thrown exception would end the schedule.
	 */
	private void drain() {
		Claim ahead = null;
		try {
			Claim claim = outbox.claim(workerId, settings.batchSize());
			while (running && !claim.isEmpty()) {
				CompletableFuture<Claim> next = CompletableFuture
					.supplyAsync(() -> outbox.claim(workerId, settings.batchSize()), claimer);
				try {
					delivery.deliver(claim, senders, () -> running);
				}
				finally {
					ahead = next.join();
				}
				claim = ahead;
				ahead = null;
			}
			if (!running) {
				outbox.release(claim); // claimed ahead, but the worker stops
			}
		}
		catch (RuntimeException ex) {
			log.warn("Mail outbox worker {}: {}", workerId, ex.toString());
			if (ahead != null) {
				outbox.release(ahead);
			}
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
