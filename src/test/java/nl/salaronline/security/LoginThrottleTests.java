package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), clock);

	@Test
	void fiveFailuresLockTheNameForFiveMinutes() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("accountant");
		}
		assertThat(throttle.isLocked("accountant")).isFalse();
		throttle.failed("accountant");
		assertThat(throttle.isLocked("accountant")).isTrue();
		assertThat(throttle.isLocked("ACCOUNTANT ")).as("same name, other spelling").isTrue();
		assertThat(throttle.isLocked("ander")).isFalse();

		clock.advance(Duration.ofMinutes(4));
		assertThat(throttle.isLocked("accountant")).isTrue();
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.isLocked("accountant")).isFalse();
	}

	@Test
	void afterTheLockRunsOutOneMoreFailureDoesNotLockAgainAtOnce() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("accountant");
		}
		clock.advance(Duration.ofMinutes(6));
		throttle.failed("accountant");
		assertThat(throttle.isLocked("accountant")).isFalse();
	}

	@Test
	void aSuccessfulLoginResetsTheCount() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("accountant");
		}
		throttle.succeeded("accountant");
		throttle.failed("accountant");
		assertThat(throttle.isLocked("accountant")).isFalse();
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-26T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
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
