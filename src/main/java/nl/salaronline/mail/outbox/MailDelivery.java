package nl.salaronline.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.salaronline.mail.limits.LevelState;
import nl.salaronline.mail.outage.TransportOutages;
import nl.salaronline.smtp.SmtpFailure;

/**
 * Sends the mails of one claim: routes them per level ({@link #route}, done while the claim before is still being
 * sent), then sends each channel's mails in a burst over one connection, channels side by side. Failures are recorded
 * right after the server answers; acceptances a few at a time ({@link #RECORD_EVERY}) by the recorder, so that the
 * next mail goes out while the database records the last ones (on PostgreSQL a commit waits for the disk).
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);


	/**
	 * Accepted mails are recorded SENT together, every this many and at the end of a burst: one commit instead of one
	 * per mail. A crash between the server's acceptance and the record sends at most these again.
	 */
	static final int RECORD_EVERY = 20;

	/** How many bytes of attachments are read ahead of sending at most (one mail's are read whatever their size). */
	static final long READ_AHEAD_BYTES = 8L * 1024 * 1024;

	private final Outbox outbox;

	private final MailRouter router;

	private final SmtpChannels channels;

	private final MessageComposer composer;

	private final SentRecords sentRecords;

	private final LevelGate gate;

	private final TransportOutages outages;

	private final Clock clock = Clock.systemUTC();

	/** Mails not started this long before the lease ends are handed back, so no other worker takes them meanwhile. */
	private final Duration leaseMargin;

	MailDelivery(Outbox outbox, MailRouter router, SmtpChannels channels, MessageComposer composer, LevelGate gate,
			OutboxProperties properties, TransportOutages outages) {
		this.outages = outages;
		this.leaseMargin = LeaseMargin.of(properties.worker().lease(), properties.timeout());
		this.outbox = outbox;
		this.gate = gate;
		this.sentRecords = new SentRecords(outbox);
		this.router = router;
		this.channels = channels;
		this.composer = composer;
	}

	/** The routes of a claim's levels, read together. */
	RoutedClaim route(Claim claim) {
		if (claim.isEmpty()) {
			return new RoutedClaim(claim, new MailRouter.Routes(Map.of(), Map.of()));
		}
		return new RoutedClaim(claim,
				router.routes(claim.mails().stream().map(ClaimedMail::level).collect(Collectors.toSet())));
	}

	/**
	 * Sends the claimed mails, using the senders for channels side by side; returns when all were sent (or failed),
	 * with what completes when the recorder has recorded them all SENT.
	 */
	CompletableFuture<Void> deliver(RoutedClaim routed, Executor senders, Executor recorder, BooleanSupplier running) {
		Claim claim = routed.claim();
		MailRouter.Routes routes = routed.routes();
		Map<String, List<Routed>> byChannel = new LinkedHashMap<>();
		for (ClaimedMail mail : claim.mails()) {
			Route route = routes.found().get(mail.level());
			if (route == null) {
				String reason = routes.problems().get(mail.level());
				failed(claim, mail, null, SmtpFailure.transientFailure(SmtpFailure.Cause.OTHER, "No route: " + reason),
						"no route (" + reason + ")");
				continue;
			}
			byChannel.computeIfAbsent(route.channel(), key -> new ArrayList<>()).add(new Routed(mail, route));
		}
		LevelGate.Admission admission = gate.admit(claim, byChannel);
		Recorder records = new Recorder(recorder);
		CompletableFuture<?>[] bursts = admission.bursts()
			.entrySet()
			.stream()
			.map(burst -> CompletableFuture.runAsync(
					() -> send(claim, burst.getValue(), records, running, admission.stateOf(burst.getKey())), senders))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(bursts).join();
		return records.all();
	}

	/** @param state the level's sending state, or {@code null} when it has none (nothing special) */
	private void send(Claim claim, List<Routed> burst, Recorder records, BooleanSupplier running, LevelState state) {
		SmtpChannel channel = null;
		Attachments attachments = new Attachments(burst);
		List<Outbox.Accepted> accepted = new ArrayList<>();
		boolean stalled = state != null && state.stalled(); // the worker's own retry of a stalled level
		int acceptedHere = 0;
		try {
			for (int i = 0; i < burst.size(); i++) {
				Routed next = burst.get(i);
				List<Routed> rest = burst.subList(i, burst.size());
				if (!running.getAsBoolean() || clock.instant().isAfter(claim.until().minus(leaseMargin))) {
					rest.forEach(unsent -> outbox.release(claim, unsent.mail()));
					return;
				}
				if (channel == null) {
					try {
						channel = channels.acquire(next.route());
					}
					catch (MessagingException | RuntimeException ex) {
						// cannot connect or sign in: every mail of this burst would meet the same fate; one line
						SmtpFailure failure = SmtpFailure.of(ex);
						// a level failure (stalled, throttled) is logged once by the gate, not at every retry
						if (!gate.levelFailed(claim, rest, failure, state, acceptedHere)) {
							String ids = MailLog.ids(rest.stream().map(routed -> routed.mail().id()).toList());
							boolean outage = TransportOutages.isUnreachable(failure);
							if (!outage) {
								log.warn("Mail {} ({}): cannot connect: {} {}", ids,
										MailLog.where(next.mail(), next.route(), channels.serverOf(next.route())),
										failure.cause(), failure.serverReply());
							}
							rest.forEach(routed -> {
								if (!outbox.failed(claim, routed.mail(), routed.route(), failure)) {
									log.warn("Mail {} ({}): {} {} at attempt {}, given up", routed.mail().id(),
											MailLog.where(routed.mail(), routed.route(),
													channels.serverOf(routed.route())),
											failure.kind(), failure.cause(), routed.mail().attempts());
								}
							});
							if (outage) {
								// once per outage, after the failures are recorded (the line says when the next try is)
								outages.unreachable(next.route().channel(), next.route().transport().name(),
										transport(next), failure, ids);
							}
						}
						return;
					}
				}
				// the slot is taken once connected and signed in, right before the mail goes: a slot reserved before
				// a slow connect would count the mail earlier than the server sees it
				if (!gate.slot(claim, rest, state)) {
					return; // the level's sending limit: the rest waits for the next slot
				}
				Outcome outcome = sendOne(claim, rest, attachments.of(i), channel, accepted, state, acceptedHere);
				if (outcome == Outcome.LEVEL_WAITS) {
					channel = null; // closed: a throttled or refusing server is not asked again on it
					return;
				}
				if (outcome == Outcome.ACCEPTED) {
					acceptedHere++;
					outages.delivered(next.route().channel());
					if (stalled) {
						gate.recovered(next.route().channel());
						stalled = false;
					}
				}
				if (outcome == Outcome.BROKEN) {
					channel.close();
					channel = null;
				}
				if (accepted.size() >= RECORD_EVERY) {
					records.record(accepted);
				}
			}
		}
		finally {
			records.record(accepted);
			if (channel != null) {
				channels.release(channel);
			}
		}
	}

	/** What became of one mail. */
	private enum Outcome {

		/** The server accepted it. */
		ACCEPTED,

		/** It failed; the connection can take the next mail. */
		FAILED,

		/** It failed and the connection is no longer usable. */
		BROKEN,

		/** Its level waits (paused or stalled): it and the rest of the burst were handed back. */
		LEVEL_WAITS

	}

	/** Hands the accepted mails of one claim to the recorder, and keeps what each record will complete. */
	private final class Recorder {

		private final Executor recorder;

		private final List<CompletableFuture<Void>> records = new ArrayList<>();

		Recorder(Executor recorder) {
			this.recorder = recorder;
		}

		/** Takes the mails out of {@code accepted} to record them SENT. */
		void record(List<Outbox.Accepted> accepted) {
			if (accepted.isEmpty()) {
				return;
			}
			CompletableFuture<Void> record = sentRecords.record(List.copyOf(accepted), recorder);
			accepted.clear();
			synchronized (records) {
				records.add(record);
			}
		}

		CompletableFuture<Void> all() {
			synchronized (records) {
				return CompletableFuture.allOf(records.toArray(CompletableFuture[]::new));
			}
		}

	}

	/** Sends the first of {@code rest}. */
	private Outcome sendOne(Claim claim, List<Routed> rest, List<OutboxAttachment> attachments, SmtpChannel channel,
			List<Outbox.Accepted> accepted, LevelState state, int acceptedBefore) {
		Routed routed = rest.get(0);
		ClaimedMail mail = routed.mail();
		MimeMessage message;
		try {
			message = composer.compose(mail, attachments, routed.route(), channel.session());
		}
		catch (MessagingException | RuntimeException ex) {
			log.error("Mail {} ({}) cannot be composed: {}", mail.id(),
					MailLog.where(mail, routed.route(), channels.serverOf(routed.route())),
					ex.getClass().getSimpleName()); // its message may quote an address
			outbox.failed(claim, mail, routed.route(),
					SmtpFailure.permanent(SmtpFailure.Cause.OTHER, "Cannot compose the message: " + ex.getMessage()));
			return Outcome.FAILED;
		}
		try {
			String reply = channel.send(message);
			accepted.add(new Outbox.Accepted(claim.token(), mail, routed.route(), reply));
			return Outcome.ACCEPTED;
		}
		catch (MessagingException | RuntimeException ex) {
			SmtpFailure failure = SmtpFailure.of(ex);
			if (gate.levelFailed(claim, rest, failure, state, acceptedBefore)) {
				channel.close(); // a throttled or refusing server: no further use of this connection
				return Outcome.LEVEL_WAITS;
			}
			failed(claim, mail, routed.route(), failure, "not sent");
			return channel.isUsable() ? Outcome.FAILED : Outcome.BROKEN;
		}
	}

	/**
	 * Records a failed attempt and logs it: given up as a warning, a retry as information, an unreachable server once
	 * per outage ({@link TransportOutages}).
	 */
	private void failed(Claim claim, ClaimedMail mail, Route route, SmtpFailure failure, String what) {
		boolean retry = outbox.failed(claim, mail, route, failure);
		String where = MailLog.where(mail, route, route == null ? null : channels.serverOf(route));
		if (retry && route != null && TransportOutages.isUnreachable(failure)) {
			outages.unreachable(route.channel(), route.transport().name(), transport(new Routed(mail, route)), failure,
					mail.id());
		}
		else if (retry) {
			log.info("Mail {} ({}): {}: {} {} at attempt {}, will retry", mail.id(), where, what, failure.kind(),
					failure.cause(), mail.attempts());
		}
		else {
			log.warn("Mail {} ({}): {}: {} {} at attempt {}, given up", mail.id(), where, what, failure.kind(),
					failure.cause(), mail.attempts());
		}
	}

	/** A transport as the outage lines name it: a level's own server with its level, the default one without. */
	private String transport(Routed routed) {
		String server = channels.serverOf(routed.route());
		return routed.route().ownSmtp() == null ? "transport DEFAULT, " + server
				: MailLog.where(routed.mail(), routed.route(), server);
	}

	/**
	 * The attachments of a burst, read a few mails ahead in one query (up to {@link #READ_AHEAD_BYTES}, always at
	 * least the next mail's), so that neither every mail costs a query nor a claim of large mails fills the heap.
	 */
	private final class Attachments {

		private final List<Routed> burst;

		private Map<String, List<OutboxAttachment>> read = Map.of();

		private int readUpTo;

		Attachments(List<Routed> burst) {
			this.burst = burst;
		}

		List<OutboxAttachment> of(int index) {
			ClaimedMail mail = burst.get(index).mail();
			if (mail.attachmentBytes() == 0) {
				return List.of();
			}
			if (index >= readUpTo) {
				List<String> ahead = new ArrayList<>();
				long bytes = 0;
				int next = index;
				while (next < burst.size() && (ahead.isEmpty() || bytes + burst.get(next).mail().attachmentBytes()
						<= READ_AHEAD_BYTES)) {
					ClaimedMail upcoming = burst.get(next++).mail();
					if (upcoming.attachmentBytes() > 0) {
						ahead.add(upcoming.id());
						bytes += upcoming.attachmentBytes();
					}
				}
				read = outbox.attachmentsOf(ahead);
				readUpTo = next;
			}
			return read.getOrDefault(mail.id(), List.of());
		}

	}

	/** A claimed mail with the route it takes. */
	record Routed(ClaimedMail mail, Route route) {
	}

	/** A claim with the routes of its levels. */
	record RoutedClaim(Claim claim, MailRouter.Routes routes) {

		boolean isEmpty() {
			return claim.isEmpty();
		}

	}

}
