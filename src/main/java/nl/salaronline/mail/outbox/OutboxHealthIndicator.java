package nl.salaronline.mail.outbox;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code outbox}: how many mails wait (QUEUED or SENDING), how old the oldest waiting mail is, and
 * how long the most overdue mail has been due. DOWN only when a due mail waited longer than
 * {@code salaronline.mail.health.max-overdue}: then no worker is keeping up (or none runs). Mails waiting for a
 * retry after a level's server failed are not overdue, so one broken mail server does not make the platform DOWN.
 */
@Component
class OutboxHealthIndicator implements HealthIndicator {

	private final Supplier<Outbox.Backlog> backlogs;

	private final Duration maxOverdue;

	@Autowired
	OutboxHealthIndicator(Outbox outbox, OutboxProperties properties) {
		this(outbox::backlog, properties.health().maxOverdue());
	}

	OutboxHealthIndicator(Supplier<Outbox.Backlog> backlogs, Duration maxOverdue) {
		this.backlogs = backlogs;
		this.maxOverdue = maxOverdue;
	}

	@Override
	public Health health() {
		Outbox.Backlog backlog = backlogs.get();
		Duration oldestAge = backlog.oldestWaiting() == null ? Duration.ZERO
				: Duration.between(backlog.oldestWaiting(), backlog.now());
		Duration overdue = backlog.oldestDue() == null ? Duration.ZERO
				: Duration.between(backlog.oldestDue(), backlog.now());
		Health.Builder health = overdue.compareTo(maxOverdue) > 0 ? Health.down() : Health.up();
		return health.withDetail("backlog", backlog.waiting())
			.withDetail("oldestWaitingSeconds", Math.max(0, oldestAge.toSeconds()))
			.withDetail("overdueSeconds", Math.max(0, overdue.toSeconds()))
			.withDetail("maxOverdueSeconds", maxOverdue.toSeconds())
			.build();
	}

}
