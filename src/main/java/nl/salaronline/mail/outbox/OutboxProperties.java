package nl.salaronline.mail.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The mail service's settings ({@code salaronline.mail.*}). Other modules read further keys under the same prefix
 * (e.g. {@code allow-private-hosts}); unknown keys are ignored here.
 *
 * @param defaultFrom From address of the default transport
 * @param maxAttachmentSize largest single attachment
 * @param maxMailSize largest mail: bodies and attachments together (decoded)
 * @param maxAttachments most attachments on one mail
 * @param contentRetention how long bodies and attachments of sent mails are kept (the Verzendlog entry stays)
 * @param timeout the SMTP client's connect, read and write timeout (read by the smtp module as well): the worker's
 * lease margin is derived from it ({@link LeaseMargin})
 */
@ConfigurationProperties("salaronline.mail")
public record OutboxProperties(@DefaultValue("no-reply@salaronline.nl") String defaultFrom,
		@DefaultValue("5MB") DataSize maxAttachmentSize, @DefaultValue("7MB") DataSize maxMailSize,
		@DefaultValue("20") int maxAttachments, @DefaultValue("P30D") Duration contentRetention,
		@DefaultValue Retry retry, @DefaultValue Worker worker, @DefaultValue Connection connection,
		@DefaultValue Health health, @DefaultValue("10s") Duration timeout) {

	public OutboxProperties {
		// refused at start, with the property named, rather than a worker that hands every claim back, silently
		LeaseMargin.check(worker.lease(), timeout);
	}

	/**
	 * Retries after transient failures: attempt n waits about {@code initialDelay * 2^(n-1)}, at most
	 * {@code maxDelay}, with jitter; after {@code maxAttempts} attempts the mail is FAILED.
	 */
	public record Retry(@DefaultValue("10") int maxAttempts, @DefaultValue("PT30S") Duration initialDelay,
			@DefaultValue("PT1H") Duration maxDelay) {
	}

	/**
	 * The background worker.
	 * @param enabled whether this instance sends mail (several instances may, sharing the outbox)
	 * @param pollInterval how often the outbox is checked when nothing was handed over locally
	 * @param batchSize how many mails one claim takes
	 * @param threads how many levels are sent to at once
	 * @param lease how long a claim is valid; a crashed worker's mails are taken over after it. At least twice
	 * {@code salaronline.mail.timeout}: no mail is started in the last {@link LeaseMargin} of it
	 * @param id this worker's name in the outbox (default: host name and a random suffix)
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("PT5S") Duration pollInterval,
			@DefaultValue("50") int batchSize, @DefaultValue("4") int threads, @DefaultValue("PT5M") Duration lease,
			String id) {
	}

	/**
	 * The SMTP connections kept open between mails, one per level at most.
	 * @param idleTimeout an SMTP connection unused for this long is closed
	 * @param maxIdle at most this many idle connections are kept; beyond it the one least worth keeping (used least
	 * recently and least often) is closed. A kept connection takes about 23 KB of heap, 35 KB with TLS
	 * (docs/PERFORMANCE.md): 1,000 take at most about 35 MB
	 */
	public record Connection(@DefaultValue("PT30S") Duration idleTimeout, @DefaultValue("1000") int maxIdle) {
	}

	/** @param maxOverdue the outbox health is DOWN when a mail due for sending waited longer than this */
	public record Health(@DefaultValue("PT15M") Duration maxOverdue) {
	}

}
