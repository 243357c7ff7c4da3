package nl.salaronline.mail.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code salaronline.levels.throttled} (tag {@code kind}: RATE or QUOTA) and {@code salaronline.levels.stalled} count
 * the events; the gauge {@code salaronline.levels.stalled.now} is the number of stalled levels over all instances.
 * Levels are never tags (there may be 10,000 of them).
 */
@Component
public class LevelMetrics {

	private final Counter rate;

	private final Counter quota;

	private final Counter stalled;

	LevelMetrics(MeterRegistry registry, LevelStates states) {
		this.rate = throttled(registry, "RATE");
		this.quota = throttled(registry, "QUOTA");
		this.stalled = Counter.builder("salaronline.levels.stalled")
			.description("Levels whose server refused the sign-in, the sender or the certificate")
			.register(registry);
		Gauge.builder("salaronline.levels.stalled.now", states, LevelStates::stalledCount)
			.description("Levels whose sending is stopped now")
			.register(registry);
	}

	private static Counter throttled(MeterRegistry registry, String kind) {
		return Counter.builder("salaronline.levels.throttled")
			.description("Throttling replies that paused a level")
			.tag("kind", kind)
			.register(registry);
	}

	public void throttled(LevelReplies.Verdict verdict) {
		(verdict == LevelReplies.Verdict.QUOTA ? quota : rate).increment();
	}

	public void stalled() {
		stalled.increment();
	}

}
