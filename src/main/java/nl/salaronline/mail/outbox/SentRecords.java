package nl.salaronline.mail.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Records accepted mails SENT on the worker's recorder thread. What was handed over while an earlier record was
 * still being written is written together, in one transaction: when the database falls behind the senders, it gets
 * fewer commits to do rather than a longer queue. When it keeps up, each hand-over is its own record, so a crash
 * sends again no more than {@link MailDelivery#RECORD_EVERY} mails per channel.
 */
final class SentRecords {

	private final Outbox outbox;

	private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

	SentRecords(Outbox outbox) {
		this.outbox = outbox;
	}

	/** @return what completes when these mails are recorded (exceptionally when that failed) */
	CompletableFuture<Void> record(List<Outbox.Accepted> accepted, Executor recorder) {
		Pending batch = new Pending(accepted, new CompletableFuture<>());
		pending.add(batch);
		try {
			recorder.execute(this::writePending);
		}
		catch (RejectedExecutionException ex) {
			writePending(); // the worker stops: record here rather than not at all
		}
		return batch.recorded();
	}

	private void writePending() {
		List<Pending> taken = new ArrayList<>();
		for (Pending next = pending.poll(); next != null; next = pending.poll()) {
			taken.add(next);
		}
		if (taken.isEmpty()) {
			return; // an earlier run wrote this hand-over together with its own
		}
		try {
			outbox.sent(taken.stream().flatMap(batch -> batch.accepted().stream()).toList());
			taken.forEach(batch -> batch.recorded().complete(null));
		}
		catch (RuntimeException ex) {
			taken.forEach(batch -> batch.recorded().completeExceptionally(ex));
		}
	}

	private record Pending(List<Outbox.Accepted> accepted, CompletableFuture<Void> recorded) {
	}

}
