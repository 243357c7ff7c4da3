package nl.salaronline.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.MDC;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * A start that a test expects to fail logs its "APPLICATION FAILED TO START" report here instead of on the build's
 * console, and the test asserts on it. Wired in {@code logback-test.xml}: the console appender denies what this
 * appender keeps (events logged on the test's thread while {@link #capture} runs).
 */
public final class ExpectedFailures extends AppenderBase<ILoggingEvent> {

	private static final String KEY = "salaronline-expected-failure";

	private static final List<String> LINES = new CopyOnWriteArrayList<>();

	/** What {@link #capture} saw: the exception thrown and the log lines written meanwhile. */
	public record Captured(Throwable thrown, String log) {
	}

	public interface Action {

		void run() throws Exception;

	}

	/** Runs an action that must fail, keeping what it logs off the console. */
	public static synchronized Captured capture(Action action) {
		LINES.clear();
		MDC.put(KEY, "true");
		Throwable thrown = null;
		try {
			action.run();
		}
		catch (Exception | Error ex) {
			thrown = ex;
		}
		finally {
			MDC.remove(KEY);
		}
		if (thrown == null) {
			throw new AssertionError("expected a failure, but the action succeeded");
		}
		return new Captured(thrown, String.join("\n", LINES));
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (expected(event)) {
			LINES.add(event.getFormattedMessage()
					+ (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
		}
	}

	private static boolean expected(ILoggingEvent event) {
		return event.getMDCPropertyMap().containsKey(KEY);
	}

	/** The console's filter: everything but what {@link #capture} keeps. */
	public static final class NotExpected extends Filter<ILoggingEvent> {

		@Override
		public FilterReply decide(ILoggingEvent event) {
			return expected(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}

	}

}
