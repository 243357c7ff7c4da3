package nl.salaronline.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class OutboxHealthIndicatorTests {

	private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

	private static final Duration MAX_OVERDUE = Duration.ofMinutes(15);

	@Test
	void anEmptyOutboxIsUp() {
		Health health = health(new Outbox.Backlog(0, null, null, NOW));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("backlog", 0L).containsEntry("oldestWaitingSeconds", 0L);
	}

	@Test
	void mailsWaitingForARetryDoNotMakeItDown() {
		// an hour old, but waiting for its next attempt after a level's server failed: nothing is overdue
		Health health = health(new Outbox.Backlog(12, NOW.minus(Duration.ofHours(1)), null, NOW));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("backlog", 12L).containsEntry("oldestWaitingSeconds", 3600L);
	}

	@Test
	void aMailDueLongerThanTheThresholdMeansNoWorkerKeepsUp() {
		Health health = health(new Outbox.Backlog(3, NOW.minus(Duration.ofMinutes(20)),
				NOW.minus(Duration.ofMinutes(16)), NOW));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("overdueSeconds", 960L);
		assertThat(health(new Outbox.Backlog(3, NOW.minus(Duration.ofMinutes(20)), NOW.minus(Duration.ofMinutes(14)),
				NOW)).getStatus()).isEqualTo(Status.UP);
	}

	private static Health health(Outbox.Backlog backlog) {
		return new OutboxHealthIndicator(() -> backlog, MAX_OVERDUE).health();
	}

}
