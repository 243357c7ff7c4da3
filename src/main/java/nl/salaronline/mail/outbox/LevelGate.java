package nl.salaronline.mail.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.salaronline.mail.limits.LevelKey;
import nl.salaronline.mail.limits.LevelMetrics;
import nl.salaronline.mail.limits.LevelReplies;
import nl.salaronline.mail.limits.LevelState;
import nl.salaronline.mail.limits.LevelStates;
import nl.salaronline.mail.limits.LimitsProperties;
import nl.salaronline.mail.limits.SendSlots;
import nl.salaronline.mail.limits.StallNotifier;
import nl.salaronline.smtp.SmtpFailure;

/**
 * SPEC section 10 in the worker: whether a level's mails may go now. A stalled or paused level's mails are handed
 * back without spending an attempt ({@link Outbox#hold}) and wait as QUEUED, together with the level's other queued
 * mails; a level with a sending limit gets a slot per mail ({@link SendSlots}); a throttling reply pauses the level
 * and a refused sign-in, sender or certificate stalls it, instead of failing each mail. Levels without a state row
 * or limit pass through with one query per claim.
 */
@Component
class LevelGate {

	private static final Logger log = LoggerFactory.getLogger(LevelGate.class);

	static final String RATE_LIMIT = "RATE_LIMIT";

	static final String STALLED = "STALLED";

	private final Outbox outbox;

	private final LevelStates states;

	private final SendSlots slots;

	private final StallNotifier notifier;

	private final LevelMetrics metrics;

	private final MailRouter router;

	private final JdbcClient jdbc;

	private final LimitsProperties.Limits windows;

	private final Clock clock = Clock.systemUTC();

	LevelGate(Outbox outbox, LevelStates states, SendSlots slots, StallNotifier notifier, LevelMetrics metrics,
			MailRouter router, JdbcClient jdbc, LimitsProperties properties) {
		this.outbox = outbox;
		this.states = states;
		this.slots = slots;
		this.notifier = notifier;
		this.metrics = metrics;
		this.router = router;
		this.jdbc = jdbc;
		this.windows = properties.limits();
	}

	/** A claim's bursts that may go now, with their levels' states. */
	record Admission(Map<String, List<MailDelivery.Routed>> bursts, Map<LevelKey, LevelState> states) {

		LevelState stateOf(String channel) {
			LevelKey level = LevelKey.ofChannel(channel);
			return level == null ? null : states.get(level);
		}

	}

	/**
	 * Holds the mails of stalled (until their retry) and paused levels; a stalled level with "Bij storing versturen
	 * via SalarOnline" goes through the default transport instead.
	 */
	Admission admit(Claim claim, Map<String, List<MailDelivery.Routed>> byChannel) {
		Set<LevelKey> levels = byChannel.keySet().stream().map(LevelKey::ofChannel).filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
		Map<LevelKey, LevelState> found = states.of(levels);
		if (found.isEmpty()) {
			return new Admission(byChannel, found);
		}
		Instant now = clock.instant();
		Map<String, List<MailDelivery.Routed>> admitted = new LinkedHashMap<>();
		List<MailDelivery.Routed> viaDefault = new ArrayList<>(byChannel.getOrDefault(Route.DEFAULT_CHANNEL, List.of()));
		for (Map.Entry<String, List<MailDelivery.Routed>> burst : byChannel.entrySet()) {
			LevelKey level = LevelKey.ofChannel(burst.getKey());
			LevelState state = level == null ? null : found.get(level);
			List<MailDelivery.Routed> mails = burst.getValue();
			if (state != null && state.stalledAt(now)) {
				if (mails.get(0).route().ownSmtp().fallbackToDefault()) {
					mails.forEach(mail -> viaDefault.add(new MailDelivery.Routed(mail.mail(),
							router.viaDefault(mail.route()))));
				}
				else {
					wait(claim, mails, level, state.stallRetryAt(), STALLED);
				}
			}
			else if (state != null && state.pausedAt(now)) {
				wait(claim, mails, level, state.pausedUntil(), RATE_LIMIT);
			}
			else if (level != null) {
				admitted.put(burst.getKey(), mails);
			}
		}
		if (!viaDefault.isEmpty()) {
			admitted.put(Route.DEFAULT_CHANNEL, viaDefault);
		}
		return new Admission(admitted, found);
	}

	/**
	 * A send slot for the next mail of a burst when its level has a limit.
	 * @param rest the mails of the burst not sent yet, the next one first
	 * @return whether it may go now; if not, the rest has been held until a slot frees
	 */
	boolean slot(Claim claim, List<MailDelivery.Routed> rest, LevelState state) {
		Route route = rest.get(0).route();
		if (route.ownSmtp() == null
				|| (!route.ownSmtp().limited() && (state == null || state.learnedPerMinute() == null))) {
			return true;
		}
		LevelKey level = LevelKey.ofChannel(route.channel());
		Optional<Instant> next = slots.reserve(level, rest.get(0).mail().accountId(), route.ownSmtp().maxPerMinute(),
				route.ownSmtp().maxPerDay());
		if (next.isEmpty()) {
			return true;
		}
		log.debug("Level {} waits for its sending limit until {}", route.channel(), next.get());
		wait(claim, rest, level, next.get(), RATE_LIMIT);
		return false;
	}

	/**
	 * After a failure: when it is the level's (a throttling reply, a refused sign-in, sender or certificate) the level
	 * is paused or stalled and the rest of the burst, this mail first, waits without spending attempts.
	 * @param accepted how many mails of this burst the server accepted before
	 * @return whether the failure was the level's (the caller records nothing for these mails)
	 */
	boolean levelFailed(Claim claim, List<MailDelivery.Routed> rest, SmtpFailure failure, LevelState state,
			int accepted) {
		Route route = rest.get(0).route();
		if (route.ownSmtp() == null) {
			return false; // the platform's own transport: each mail as before
		}
		LevelReplies.Verdict verdict = LevelReplies.of(failure);
		LevelKey level = LevelKey.ofChannel(route.channel());
		long accountId = rest.get(0).mail().accountId();
		Instant now = clock.instant();
		switch (verdict) {
			case MAIL:
				return false;
			case RATE: {
				// no faster than the level was going when it was refused
				long refusedRate = Math.max(accepted, sentSince(level, now.minus(windows.minuteWindow())));
				Integer learned = refusedRate < 2 ? null : (int) Math.max(1, refusedRate * 3 / 4);
				Instant until = now.plus(windows.ratePause());
				states.pause(level, accountId, verdict, failure.serverReply(), until, learned);
				wait(claim, rest, level, until, RATE_LIMIT);
				log.info("Level {} paused until {} (at most {} per minute afterwards): {}", route.channel(), until,
						learned, failure.serverReply());
				break;
			}
			case QUOTA: {
				Instant until = quotaRolls(level, now);
				states.pause(level, accountId, verdict, failure.serverReply(), until, null);
				wait(claim, rest, level, until, RATE_LIMIT);
				log.info("Level {} reached its quota, paused until {}: {}", route.channel(), until,
						failure.serverReply());
				break;
			}
			default: {
				Instant retry = states.stall(level, accountId, failure);
				boolean fallback = route.ownSmtp().fallbackToDefault();
				// with the fallback on, the next claim sends them through the default transport at once
				wait(claim, rest, level, fallback ? now : retry, STALLED);
				if (state == null || !state.stalled()) {
					metrics.stalled();
					log.warn("Level {} stalled: {} {}", route.channel(), failure.cause(), failure.serverReply());
				}
				notifier.stalled(level, route.from(), failure);
				return true;
			}
		}
		metrics.throttled(verdict);
		return true;
	}

	/** A stalled level's server accepted a mail again (the worker's own retry): its sending goes on. */
	void recovered(String channel) {
		LevelKey level = LevelKey.ofChannel(channel);
		if (level != null && states.lift(level)) {
			log.info("Level {} sends again", channel);
		}
	}

	private void wait(Claim claim, List<MailDelivery.Routed> mails, LevelKey level, Instant until, String why) {
		outbox.hold(claim, mails.stream().map(MailDelivery.Routed::mail).toList(), until, why);
		if (until.isAfter(clock.instant())) {
			outbox.holdLevel(level, until, why);
		}
	}

	private long sentSince(LevelKey level, Instant since) {
		return jdbc.sql("select count(*) from mail where " + level.mailColumn() + " = :id and recipient_kind = :kind "
				+ "and status = 'SENT' and sent_at > :since")
			.param("id", level.id())
			.param("kind", level.recipientKind())
			.param("since", Outbox.timestamp(since))
			.query(Long.class)
			.single();
	}

	/** When the provider's daily window has rolled past the level's oldest mail in it. */
	private Instant quotaRolls(LevelKey level, Instant now) {
		Optional<OffsetDateTime> oldest = jdbc.sql("select min(sent_at) from mail where " + level.mailColumn()
				+ " = :id and recipient_kind = :kind and status = 'SENT' and sent_at > :since")
			.param("id", level.id())
			.param("kind", level.recipientKind())
			.param("since", Outbox.timestamp(now.minus(windows.dayWindow())))
			.query(OffsetDateTime.class)
			.optional();
		Instant rolls = oldest.map(time -> time.toInstant().plus(LimitsProperties.Limits.counted(windows.dayWindow())))
			.orElse(now.plus(windows.dayWindow()));
		return rolls.isAfter(now) ? rolls : now.plus(windows.ratePause());
	}

}
