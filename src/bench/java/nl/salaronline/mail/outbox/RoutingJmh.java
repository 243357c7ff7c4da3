package nl.salaronline.mail.outbox;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.context.ApplicationContext;

import nl.salaronline.mail.RecipientKind;
import nl.salaronline.smtp.SmtpConnections;

/**
 * Figure 2 of docs/PERFORMANCE.md: choosing the route of a mail to an employee of a random employer among many with
 * own SMTP (settings read and decrypted as the worker does) and preparing its transport (the mail session the
 * connection is opened from). Runs in the benchmark's JVM (JMH forks 0): {@link #context} and {@link #employerIds}
 * are set by {@code PerformanceBenchmark} before the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingJmh {

	public static volatile ApplicationContext context;

	public static volatile long[] employerIds;

	/** Mails per claim: the worker's default batch size. */
	static final int CLAIM = 50;

	private MailRouter router;

	private SmtpConnections connections;

	@Setup
	public void setUp() {
		router = context.getBean(MailRouter.class);
		connections = context.getBean(SmtpConnections.class);
		// steady state of a running instance: every level was routed before (its decrypted settings are kept)
		java.util.Arrays.stream(employerIds).parallel().forEach(id -> router.route(RecipientKind.EMPLOYEE, id));
	}

	/**
	 * What the worker does for a claim of {@value #CLAIM} mails to random levels: their routes read together, then
	 * the mail session of each level's server. Reported per mail.
	 */
	@Benchmark
	@OperationsPerInvocation(CLAIM)
	public void routeAndPrepareTransport(Blackhole sink) {
		Set<MailRouter.Level> levels = randomLevels();
		for (Route route : router.routes(levels).found().values()) {
			sink.consume(connections.session(route.ownSmtp().server()));
		}
	}

	/** One mail alone: the cost when a claim holds a single mail (every query for one level). */
	@Benchmark
	public Session routeAndPrepareOneMail() {
		long employerId = employerIds[ThreadLocalRandom.current().nextInt(employerIds.length)];
		Route route = router.route(RecipientKind.EMPLOYEE, employerId);
		return connections.session(route.ownSmtp().server());
	}

	private Set<MailRouter.Level> randomLevels() {
		Set<MailRouter.Level> levels = new HashSet<>();
		while (levels.size() < CLAIM) {
			levels.add(new MailRouter.Level(RecipientKind.EMPLOYEE,
					employerIds[ThreadLocalRandom.current().nextInt(employerIds.length)]));
		}
		return levels;
	}

	/** Reads the routes of the levels, as a running instance has (its decrypted settings are then kept). */
	public static void routeAll(ApplicationContext context, long[] employerIds) {
		MailRouter router = context.getBean(MailRouter.class);
		for (long employerId : employerIds) {
			router.route(RecipientKind.EMPLOYEE, employerId);
		}
	}

	/** Opens (or reuses) the kept connection of a route, as the worker does for a burst, and keeps it. */
	public static void keepConnection(ApplicationContext context, long employerId) throws Exception {
		SmtpChannels channels = context.getBean(SmtpChannels.class);
		Route route = context.getBean(MailRouter.class).route(RecipientKind.EMPLOYEE, employerId);
		channels.release(channels.acquire(route));
	}

	/** How many connections are kept now. */
	public static long keptConnections(ApplicationContext context) {
		return context.getBean(SmtpChannels.class).kept();
	}

	/** Closes every kept connection. */
	public static void closeKeptConnections(ApplicationContext context) {
		context.getBean(SmtpChannels.class).closeAll();
	}

}
