package nl.salaronline.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * "At most 10 probes a minute per user" ({@code salaronline.mail.probes-per-minute}), for "Test verbinding" and
 * "Verstuur testmail" together, keyed by username.
 * <p>
 * Hand-written on purpose: a sliding log of the last minute's probes gives exactly "at most N in any 60 seconds".
 * The libraries at hand count differently: Resilience4j's RateLimiter refreshes fixed periods and Bucket4j refills
 * tokens, both letting up to twice the limit through around a period boundary; for ten timestamps per user a
 * dependency would add more than it saves. Memory: at most N instants per user who probed.
 */
@Component
public class SmtpProbeLimiter {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final int perMinute;

	private final Clock clock;

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	@Autowired
	SmtpProbeLimiter(SmtpClientProperties properties) {
		this(properties.probesPerMinute(), Clock.systemUTC());
	}

	SmtpProbeLimiter(int perMinute, Clock clock) {
		this.perMinute = perMinute;
		this.clock = clock;
	}

	/** Counts a probe for the user, unless they had their share this minute: then false and nothing counted. */
	public boolean tryAcquire(String username) {
		boolean[] allowed = { false };
		recent.compute(username, (user, probes) -> {
			Deque<Instant> window = probes == null ? new ArrayDeque<>() : probes;
			Instant now = clock.instant();
			while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
				window.pollFirst();
			}
			if (window.size() < perMinute) {
				window.addLast(now);
				allowed[0] = true;
			}
			return window;
		});
		return allowed[0];
	}

	public int perMinute() {
		return perMinute;
	}

}
