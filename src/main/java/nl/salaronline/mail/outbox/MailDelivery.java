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

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.SmtpFailure;

/**
 * Sends the mails of one claim: routes them per level, then sends each channel's mails in a burst over one
 * connection, channels side by side. Each outcome is recorded right after the server answers.
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	/** Mails not started this long before the lease ends are handed back, so no other worker takes them meanwhile. */
	private static final Duration LEASE_MARGIN = Duration.ofSeconds(60);

	private final Outbox outbox;

	private final MailRouter router;

	private final SmtpChannels channels;

	private final MessageComposer composer;

	private final Clock clock = Clock.systemUTC();

	MailDelivery(Outbox outbox, MailRouter router, SmtpChannels channels, MessageComposer composer) {
		this.outbox = outbox;
		this.router = router;
		this.channels = channels;
		this.composer = composer;
	}

	/** Sends the claimed mails, using the executor for channels side by side; returns when all are done. */
	void deliver(Claim claim, Executor executor, BooleanSupplier running) {
		Map<String, List<Routed>> byChannel = new LinkedHashMap<>();
		Map<String, Route> routes = new LinkedHashMap<>();
		for (OutboxMail mail : claim.mails()) {
			String level = mail.getRecipientKind() + ":" + mail.getEmployerId();
			Route route;
			try {
				route = routes.computeIfAbsent(level, key -> router.route(mail.getRecipientKind(), mail.getEmployerId()));
			}
			catch (RuntimeException ex) {
				log.warn("Mail {}: no route ({})", mail.getId(), ex.toString());
				outbox.failed(claim, mail, null,
						SmtpFailure.transientFailure(SmtpFailure.Cause.OTHER, "No route: " + ex.getMessage()));
				continue;
			}
			byChannel.computeIfAbsent(route.channel(), key -> new ArrayList<>()).add(new Routed(mail, route));
		}
		CompletableFuture<?>[] bursts = byChannel.values()
			.stream()
			.map(burst -> CompletableFuture.runAsync(() -> send(claim, burst, running), executor))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(bursts).join();
	}

	private void send(Claim claim, List<Routed> burst, BooleanSupplier running) {
		SmtpChannel channel = null;
		try {
			for (int i = 0; i < burst.size(); i++) {
				Routed next = burst.get(i);
				if (!running.getAsBoolean() || clock.instant().isAfter(claim.until().minus(LEASE_MARGIN))) {
					burst.subList(i, burst.size()).forEach(rest -> outbox.release(claim, rest.mail()));
					return;
				}
				if (channel == null) {
					try {
						channel = channels.acquire(next.route());
					}
					catch (MessagingException | RuntimeException ex) {
						// cannot connect or sign in: every mail of this burst would meet the same fate
						SmtpFailure failure = SmtpFailure.of(ex);
						log.warn("Cannot connect for {}: {} {}", next.route().channel(), failure.cause(),
								failure.serverReply());
						burst.subList(i, burst.size()).forEach(rest -> outbox.failed(claim, rest.mail(), rest.route(),
								failure));
						return;
					}
				}
				if (!sendOne(claim, next, channel)) {
					channel.close();
					channel = null;
				}
			}
		}
		finally {
			if (channel != null) {
				channels.release(channel);
			}
		}
	}

	/** @return whether the channel can be used for the next mail */
	private boolean sendOne(Claim claim, Routed routed, SmtpChannel channel) {
		OutboxMail mail = routed.mail();
		MimeMessage message;
		try {
			message = composer.compose(mail, outbox.attachmentsOf(mail), routed.route(), channel.session());
		}
		catch (MessagingException | RuntimeException ex) {
			log.error("Mail {} cannot be composed", mail.getId(), ex);
			outbox.failed(claim, mail, routed.route(),
					SmtpFailure.permanent(SmtpFailure.Cause.OTHER, "Cannot compose the message: " + ex.getMessage()));
			return true;
		}
		try {
			String reply = channel.send(message);
			outbox.sent(claim, mail, routed.route(), reply);
			return true;
		}
		catch (MessagingException | RuntimeException ex) {
			outbox.failed(claim, mail, routed.route(), SmtpFailure.of(ex));
			return channel.isUsable();
		}
	}

	private record Routed(OutboxMail mail, Route route) {
	}

}
