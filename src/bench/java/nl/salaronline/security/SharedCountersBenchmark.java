package nl.salaronline.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import nl.salaronline.testsupport.MigratedDatabase;

/**
 * Issue 17: what counting failed logins in the database (shared by every instance) costs against counting them in
 * memory (one instance): the throttle's work for a screen login (its check before the password, then clearing or
 * counting), and the API throttle's check before a remembered login. For scale, the BCrypt check that every screen
 * login makes anyway is measured too. Prints its figures; docs/PERFORMANCE.md ("Shared counters (issue 17)") quotes
 * them.
 * {@code ./mvnw -Pbench verify -Dit.test=SharedCountersBenchmark}
 */
class SharedCountersBenchmark {

	private static final int WARM_UP = 500;

	private static final int MEASURED = 2_000;

	private final PasswordEncoder bcrypt = new BCryptPasswordEncoder();

	private final String hash = bcrypt.encode("juist-wachtwoord");

	@Test
	void loginsWithCountsInMemoryAndInTheDatabase() {
		StringBuilder report = new StringBuilder("\nShared counters (issue 17): median (p90) per operation, ms\n");
		report.append("one BCrypt check (every screen login): ")
			.append(measure(i -> bcrypt.matches("fout", hash), 20, 100))
			.append('\n');
		report.append(String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s%n", "counts in", "screen login, right",
				"screen login, wrong", "API check, remembered"));
		report.append(row("memory", () -> new InMemoryLoginAttempts(Duration.ofMinutes(5), Clock.systemUTC()), null));
		try (MigratedDatabase h2 = MigratedDatabase.h2()) {
			report.append(row("H2", () -> new DatabaseLoginAttempts(h2.jdbc(), Duration.ofMinutes(5),
					Clock.systemUTC()), h2));
		}
		try (MigratedDatabase postgres = MigratedDatabase.postgres()) {
			report.append(row("PostgreSQL", () -> new DatabaseLoginAttempts(postgres.jdbc(), Duration.ofMinutes(5),
					Clock.systemUTC()), postgres));
		}
		System.out.println(report);
	}

	private String row(String name, Supplier<LoginAttempts> attempts, MigratedDatabase database) {
		LoginAttempts counts = attempts.get();
		LoginThrottle throttle = new LoginThrottle(counts, 5, Duration.ofMinutes(5), Duration.ofSeconds(5));
		ApiLoginThrottle api = new ApiLoginThrottle(
				database == null ? counts : new RecentlyReadLoginAttempts(counts, Duration.ofMillis(500)), 10,
				Duration.ofMinutes(1), Clock.systemUTC());
		String right = measure(i -> {
			String address = "198.18.1." + (i % 250);
			throttle.before("accountant", address);
			throttle.succeeded("accountant", address);
		});
		String wrong = measure(i -> {
			String guessed = "gast-" + i;
			String address = "198.18.2." + (i % 250);
			throttle.before(guessed, address);
			throttle.failed(guessed, address);
		});
		String remembered = measure(i -> api.waitFor("198.18.3.1"));
		return String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s%n", name, right, wrong, remembered);
	}

	private static String measure(java.util.function.IntConsumer operation) {
		return measure(operation, WARM_UP, MEASURED);
	}

	private static String measure(java.util.function.IntConsumer operation, int warmUp, int measured) {
		for (int i = 0; i < warmUp; i++) {
			operation.accept(i);
		}
		long[] nanos = new long[measured];
		for (int i = 0; i < measured; i++) {
			long start = System.nanoTime();
			operation.accept(warmUp + i);
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return String.format(Locale.ROOT, "%.3f (%.3f)", nanos[measured / 2] / 1e6, nanos[measured * 9 / 10] / 1e6);
	}

}
