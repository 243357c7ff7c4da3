package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.salaronline.testsupport.MigratedDatabase;

/** The Test verbinding limit per user, counted in the database that every instance shares (SPEC section 11). */
class SmtpProbeLimiterTests {

	private final MovableClock clock = new MovableClock();

	private final MigratedDatabase database = MigratedDatabase.h2();

	private final SmtpProbeLimiter limiter = limiter(database, clock);

	@AfterEach
	void drop() {
		database.close();
	}

	@Test
	void twoInstancesProbingAtTheSameMomentOnPostgresqlTogetherGetTheLimitExactly() throws Exception {
		try (MigratedDatabase postgres = MigratedDatabase.postgres()) {
			List<SmtpProbeLimiter> instances = List.of(limiter(postgres, Clock.systemUTC()),
					limiter(postgres, Clock.systemUTC()));
			int threads = 20;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> allowed = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					SmtpProbeLimiter instance = instances.get(t % 2);
					allowed.add(pool.submit((Callable<Integer>) () -> {
						start.await();
						int mine = 0;
						for (int i = 0; i < 5; i++) {
							mine += instance.tryAcquire("accountant") ? 1 : 0;
						}
						return mine;
					}));
				}
				start.countDown();
				int total = 0;
				for (Future<Integer> each : allowed) {
					total += each.get();
				}
				assertThat(total).as("probes allowed out of 100 tried on two instances").isEqualTo(10);
				assertThat(instances.get(0).tryAcquire("ander")).as("another user has his own share").isTrue();
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

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

	private static SmtpProbeLimiter limiter(MigratedDatabase database, Clock clock) {
		return new SmtpProbeLimiter(10, database.jdbc(), database.transactions(), clock);
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
