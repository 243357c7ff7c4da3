package nl.salaronline.mail.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.MailTransport;

/**
 * Micrometer counter {@code salaronline.mails}, tagged {@code transport} (EMPLOYER, ACCOUNT, DEFAULT, or NONE when
 * no route could be decided) and {@code status}: QUEUED when handed over, SENT, FAILED (given up) or RETRY (a
 * transient failure that will be tried again).
 */
@Component
class OutboxMetrics {

	static final String MAILS = "salaronline.mails";

	private final MeterRegistry registry;

	/** The counters by transport and status: found once, not built and looked up again for every mail. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	OutboxMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void queued(int mails) {
		counter("NONE", "QUEUED").increment(mails);
	}

	/** @param status SENT or FAILED; {@code null} for a retry */
	void outcome(MailTransport transport, MailStatus status) {
		counter(transport == null ? "NONE" : transport.name(), status == null ? "RETRY" : status.name()).increment();
	}

	private Counter counter(String transport, String status) {
		return counters.computeIfAbsent(transport + " " + status, key -> Counter.builder(MAILS)
			.description("Mails handed over and their outcomes")
			.tag("transport", transport)
			.tag("status", status)
			.register(registry));
	}

}
