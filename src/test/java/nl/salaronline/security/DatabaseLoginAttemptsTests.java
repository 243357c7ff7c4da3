package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import nl.salaronline.testsupport.MigratedDatabase;

/**
 * Failed logins counted in the database that every instance shares (SPEC section 11): two instances failing at the
 * same moment are both counted, and counts run out after the window as they did in memory.
 */
class DatabaseLoginAttemptsTests {

	private static final Duration WINDOW = Duration.ofMinutes(5);

	@Test
	void twentyThreadsOnTwoInstancesFailingFiveTimesEachCountOneHundredOnPostgresql() throws Exception {
		countsEveryConcurrentFailure(MigratedDatabase::postgres);
	}

	@Test
	void twentyThreadsOnTwoInstancesFailingFiveTimesEachCountOneHundredOnH2() throws Exception {
		countsEveryConcurrentFailure(MigratedDatabase::h2);
	}

	@Test
	void countsRunOutAWindowAfterTheLastFailureAndAreDeletedThen() {
		LoginThrottleTests.MutableClock clock = new LoginThrottleTests.MutableClock();
		try (MigratedDatabase database = MigratedDatabase.h2()) {
			LoginAttempts attempts = new DatabaseLoginAttempts(database.jdbc(), WINDOW, clock);
			attempts.failed("screen-name:accountant");
			clock.advance(Duration.ofMinutes(4));
			attempts.failed("screen-name:accountant");
			assertThat(attempts.failures("screen-name:accountant").count()).isEqualTo(2);
			assertThat(attempts.failures("screen-name:ander")).isEqualTo(LoginAttempts.Failures.NONE);

			clock.advance(WINDOW);
			assertThat(attempts.failures("screen-name:accountant")).isEqualTo(LoginAttempts.Failures.NONE);
			attempts.failed("screen-name:accountant");
			assertThat(attempts.failures("screen-name:accountant").count()).as("counting starts again").isEqualTo(1);

			attempts.failed("screen-name:ander");
			clock.advance(WINDOW);
			attempts.failed("api-address:203.0.113.9");
			assertThat(database.jdbc().sql("select failure_key from login_failure").query(String.class).list())
				.as("rows that ran out are deleted")
				.containsExactly("api-address:203.0.113.9");

			attempts.clear("api-address:203.0.113.9");
			assertThat(attempts.failures("api-address:203.0.113.9")).isEqualTo(LoginAttempts.Failures.NONE);
		}
	}

	@Test
	void aUserNameOfAnyLengthIsCountedUnderItsOwnKeyOnH2() {
		userNamesOfAnyLengthAndAnyCharacters(MigratedDatabase::h2);
	}

	@Test
	void aUserNameOfAnyLengthIsCountedUnderItsOwnKeyOnPostgresql() {
		userNamesOfAnyLengthAndAnyCharacters(MigratedDatabase::postgres);
	}

	private static void userNamesOfAnyLengthAndAnyCharacters(Supplier<MigratedDatabase> databases) {
		try (MigratedDatabase database = databases.get()) {
			LoginAttempts attempts = new DatabaseLoginAttempts(database.jdbc(), WINDOW, Clock.systemUTC());
			String longName = "screen-name:" + "a".repeat(10_000);
			attempts.failed(longName);
			attempts.failed(longName);
			attempts.failed(longName + "b");
			assertThat(attempts.failures(longName).count()).isEqualTo(2);
			assertThat(attempts.failures(longName + "b").count()).isEqualTo(1);
			for (String hostile : new String[] { "screen-name:admin\u0000", "screen-name:zo\u00eb", "screen-name:\ud800",
					"screen-name:admin\r\n" }) {
				attempts.failed(hostile);
				assertThat(attempts.failures(hostile).count()).as(hostile).isEqualTo(1);
			}
			assertThat(attempts.failures("screen-name:admin").count()).as("not the real admin's count").isZero();
		}
	}

	private static void countsEveryConcurrentFailure(Supplier<MigratedDatabase> databases) throws Exception {
		try (MigratedDatabase database = databases.get()) {
			List<LoginAttempts> instances = List.of(
					new DatabaseLoginAttempts(database.jdbc(), WINDOW, Clock.systemUTC()),
					new DatabaseLoginAttempts(database.jdbc(), WINDOW, Clock.systemUTC()));
			ExecutorService pool = Executors.newFixedThreadPool(20);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> threads = new ArrayList<>();
				for (int t = 0; t < 20; t++) {
					LoginAttempts instance = instances.get(t % 2);
					threads.add(pool.submit(() -> {
						start.await();
						for (int i = 0; i < 5; i++) {
							instance.failed("screen-name:accountant");
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> thread : threads) {
					thread.get();
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(instances.get(0).failures("screen-name:accountant").count()).isEqualTo(100);
			assertThat(instances.get(1).failures("screen-name:accountant").count()).isEqualTo(100);
		}
	}

}
