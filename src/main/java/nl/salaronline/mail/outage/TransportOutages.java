package nl.salaronline.mail.outage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.salaronline.mail.limits.LevelKey;
import nl.salaronline.smtp.SmtpFailure;
import nl.salaronline.smtp.SmtpFailure.Cause;

/**
 * Outages of a transport (the default server, or a level's own), as this instance meets them: a server that cannot be
 * reached or hangs up. Logged once when it starts (WARN: which transport, how many mails wait, the next try) and once
 * when it ends (INFO: how long, how many attempts failed meanwhile); every failed attempt in between only counts, in
 * {@code salaronline.transport.unreachable} (tag {@code transport}: DEFAULT, EMPLOYER or ACCOUNT; never the level,
 * there may be 10,000) and the gauge {@code salaronline.transport.outages.now}. Before this, 15 s without the default
 * server logged hundreds of lines per instance, one per attempt (issue 17). Kept in memory per instance: each instance
 * logs the outages it meets.
 */
@Component
public class TransportOutages {

	private static final Logger log = LoggerFactory.getLogger(TransportOutages.class);

	/** Failures that say the server is not there (rather than that it refused this mail or these settings). */
	private static final Set<Cause> UNREACHABLE = EnumSet.of(Cause.CONNECTION_REFUSED, Cause.TIMEOUT,
			Cause.UNKNOWN_HOST, Cause.CONNECTION_LOST);

	private final Map<String, Outage> ongoing = new ConcurrentHashMap<>();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final MeterRegistry registry;

	private final Clock clock = Clock.systemUTC();

	TransportOutages(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.registry = registry;
		Gauge.builder("salaronline.transport.outages.now", ongoing, Map::size)
			.description("Transports this instance cannot reach now")
			.register(registry);
	}

	/** Whether the failure is one of a server that is not there: transient, at the connection. */
	public static boolean isUnreachable(SmtpFailure failure) {
		return failure.isTransient() && UNREACHABLE.contains(failure.cause());
	}

	/** Whether the channel's transport is in an outage now: its failed attempts are counted, not logged. */
	public boolean during(String channel) {
		return ongoing.containsKey(channel);
	}

	/**
	 * An attempt met an unreachable transport (after its mails' failures were recorded); the first of an outage is
	 * logged.
	 * @param channel the outbox's channel ({@code DEFAULT}, {@code EMPLOYER:12})
	 * @param transport DEFAULT, EMPLOYER or ACCOUNT
	 * @param where the transport as a log line names it: level, transport, {@code host:port}
	 * @param mails the ids of the mails that failed, as a log line names them
	 */
	public void unreachable(String channel, String transport, String where, SmtpFailure failure, String mails) {
		counters.computeIfAbsent(transport, kind -> Counter.builder("salaronline.transport.unreachable")
			.description("Attempts that met an unreachable SMTP server")
			.tag("transport", kind)
			.register(registry)).increment();
		Outage started = new Outage(clock.instant(), transport, where);
		Outage outage = ongoing.putIfAbsent(channel, started);
		if (outage != null) {
			outage.failed.incrementAndGet();
			return;
		}
		started.failed.incrementAndGet();
		Waiting waiting = waiting(channel);
		log.warn("Outage of {}: {} {}; mails waiting: {}, next try at {} (Mail {}); further failed attempts are counted in "
				+ "salaronline.transport.unreachable until it answers again", where, failure.cause(),
				failure.serverReply(), waiting.count(), waiting.next(), mails);
	}

	/** A mail went out over the channel: an outage of it ends. */
	public void delivered(String channel) {
		if (ongoing.isEmpty()) {
			return; // the usual case: nothing to look up
		}
		Outage outage = ongoing.remove(channel);
		if (outage != null) {
			log.info("Outage of {} ended after {}: {} attempts failed meanwhile, sending again", outage.where(),
					Duration.between(outage.since(), clock.instant()).withNanos(0), outage.failed.get());
		}
	}

	/** The channel's mails still to send, and the earliest next try among them. */
	private Waiting waiting(String channel) {
		LevelKey level = LevelKey.ofChannel(channel);
		// the default transport's mails are those not routed to a level's own server; a mail never tried yet has no
		// transport and is counted here as well: for the default transport the count is an upper bound
		String which = level == null ? "(transport = 'DEFAULT' or transport is null)"
				: level.mailColumn() + " = :id and recipient_kind = :kind";
		var query = jdbc.sql("select count(*), min(case when status = 'QUEUED' then next_attempt_at end) from mail "
				+ "where status in ('QUEUED', 'SENDING') and " + which);
		if (level != null) {
			query = query.param("id", level.id()).param("kind", level.recipientKind());
		}
		try {
			return query.query((row, number) -> new Waiting(row.getLong(1), toInstant(row.getObject(2,
					OffsetDateTime.class)))).single();
		}
		catch (RuntimeException ex) {
			return new Waiting(-1, null); // the database is not the point of this line
		}
	}

	private static Instant toInstant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private record Waiting(long count, Instant next) {
	}

	private record Outage(Instant since, String transport, String where, AtomicInteger failed) {

		Outage(Instant since, String transport, String where) {
			this(since, transport, where, new AtomicInteger());
		}

	}

}
