package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

	private static final String ATTACKER = "203.0.113.7";

	private static final String OFFICE = "198.51.100.20";

	private final MutableClock clock = new MutableClock();

	private final LoginAttempts attempts = new InMemoryLoginAttempts(Duration.ofMinutes(5), clock);

	private final LoginThrottle throttle = new LoginThrottle(attempts, 5, Duration.ofMinutes(5), Duration.ofSeconds(5));

	@Test
	void fiveFailuresLockTheNameForThatAddressForFiveMinutes() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("accountant", ATTACKER);
		}
		assertThat(throttle.before("accountant", ATTACKER)).isEqualTo(LoginThrottle.Verdict.NONE);
		throttle.failed("Accountant", ATTACKER);
		assertThat(throttle.before("accountant", ATTACKER).locked()).isTrue();
		assertThat(throttle.before("ACCOUNTANT ", ATTACKER).locked()).as("same name, other spelling").isTrue();
		assertThat(throttle.before("ander", ATTACKER)).isEqualTo(LoginThrottle.Verdict.NONE);

		clock.advance(Duration.ofMinutes(4));
		assertThat(throttle.before("accountant", ATTACKER).locked()).isTrue();
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.before("accountant", ATTACKER)).isEqualTo(LoginThrottle.Verdict.NONE);
	}

	@Test
	void otherAddressesAreNeverLockedButWaitLongerWithEachFailureUpToTheCap() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("admin", ATTACKER);
		}
		assertThat(throttle.before("admin", OFFICE).locked()).isFalse();
		assertThat(throttle.before("admin", OFFICE).delay()).hasSeconds(1);
		String[] others = { "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5" };
		long[] expected = { 2, 4, 5, 5, 5 };
		for (int i = 0; i < others.length; i++) {
			throttle.failed("ADMIN", others[i]);
			assertThat(throttle.before("admin", OFFICE)).isEqualTo(
					new LoginThrottle.Verdict(false, Duration.ofSeconds(expected[i])));
		}
		assertThat(throttle.before("ander", OFFICE)).as("another name").isEqualTo(LoginThrottle.Verdict.NONE);
	}

	@Test
	void afterTheLockRunsOutOneMoreFailureDoesNotLockAgainAtOnce() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("accountant", ATTACKER);
		}
		clock.advance(Duration.ofMinutes(6));
		throttle.failed("accountant", ATTACKER);
		assertThat(throttle.before("accountant", ATTACKER)).isEqualTo(LoginThrottle.Verdict.NONE);
	}

	@Test
	void aSuccessfulLoginResetsTheCountOfItsAddress() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("accountant", OFFICE);
		}
		throttle.succeeded("accountant", OFFICE);
		throttle.failed("accountant", OFFICE);
		assertThat(throttle.before("accountant", OFFICE).locked()).isFalse();
	}

	@Test
	void theDelayDoublesFromOneSecondToTheCap() {
		assertThat(LoginThrottle.delay(0, Duration.ofMinutes(1))).hasSeconds(1);
		assertThat(LoginThrottle.delay(3, Duration.ofMinutes(1))).hasSeconds(8);
		assertThat(LoginThrottle.delay(6, Duration.ofMinutes(1))).hasSeconds(60);
		assertThat(LoginThrottle.delay(Integer.MAX_VALUE, Duration.ofMinutes(1))).hasSeconds(60);
	}

	static final class MutableClock extends Clock {

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
