package nl.salaronline.mail.outbox;

import java.time.Duration;

/**
 * How long before its claim's lease ends a worker stops starting mails and hands the rest back, so that no other
 * worker takes over a mail that is still on the wire. A mail started just before the margin must be done (sent, or
 * failed by a timeout) before the lease ends: a server that hangs holds one step at most one SMTP timeout
 * ({@code salaronline.mail.timeout}), so the margin is that timeout plus a tenth of the lease for recording the
 * outcome and for the clocks of the instances drifting apart. Derived rather than fixed: a fixed 60 s margin made every
 * lease of 60 s or less hand each claim straight back, forever (issue 17).
 */
final class LeaseMargin {

	private LeaseMargin() {
	}

	static Duration of(Duration lease, Duration smtpTimeout) {
		return smtpTimeout.plus(lease.dividedBy(10));
	}

	/**
	 * The shortest lease accepted at start: twice the SMTP timeout, so that after the margin there is still time to
	 * start mails in (8 s of a 20 s lease with the default 10 s timeout).
	 */
	static Duration shortestLease(Duration smtpTimeout) {
		return smtpTimeout.multipliedBy(2);
	}

	/** @throws IllegalArgumentException naming the property when the lease leaves no time to send anything */
	static void check(Duration lease, Duration smtpTimeout) {
		if (lease.compareTo(shortestLease(smtpTimeout)) < 0) {
			throw new IllegalArgumentException("salaronline.mail.worker.lease=" + lease + " is too short to send "
					+ "anything: a worker stops starting mails " + of(lease, smtpTimeout) + " before its lease ends "
					+ "(salaronline.mail.timeout=" + smtpTimeout + " plus a tenth of the lease). Set "
					+ "salaronline.mail.worker.lease to at least " + shortestLease(smtpTimeout)
					+ " (twice salaronline.mail.timeout); the default is PT5M");
		}
	}

}
