package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SmtpProbeLimiterTests {

	private final MovableClock clock = new MovableClock();

	private final SmtpProbeLimiter limiter = new SmtpProbeLimiter(10, clock);

	@Test
	void tenProbesAMinutePerUserThenRefusedUntilTheOldestIsAMinuteOld() {
		IntStream.range(0, 10).forEach(i -> {
			assertThat(limiter.tryAcquire("accountant")).as("probe %d", i + 1).isTrue();
			clock.advance(Duration.ofSeconds(5));
		});

		assertThat(limiter.tryAcquire("accountant")).as("11th within the minute").isFalse();
		assertThat(limiter.tryAcquire("ander")).as("another user has his own share").isTrue();

		clock.advance(Duration.ofSeconds(10)); // the first probe is now exactly a minute old
		assertThat(limiter.tryAcquire("accountant")).isTrue();
		assertThat(limiter.tryAcquire("accountant")).isFalse();
	}

	@Test
	void refusedAttemptsDoNotCount() {
		IntStream.range(0, 10).forEach(i -> limiter.tryAcquire("accountant"));
		IntStream.range(0, 50).forEach(i -> limiter.tryAcquire("accountant"));

		clock.advance(Duration.ofMinutes(1));

		assertThat(limiter.tryAcquire("accountant")).isTrue();
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-05T09:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
