package nl.salaronline.mail.outbox;

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

	OutboxMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void queued() {
		count("NONE", "QUEUED");
	}

	/** @param status SENT or FAILED; {@code null} for a retry */
	void outcome(MailTransport transport, MailStatus status) {
		count(transport == null ? "NONE" : transport.name(), status == null ? "RETRY" : status.name());
	}

	private void count(String transport, String status) {
		Counter.builder(MAILS)
			.description("Mails handed over and their outcomes")
			.tag("transport", transport)
			.tag("status", status)
			.register(registry)
			.increment();
	}

}
