package nl.salaronline.smtp;

import java.time.Duration;
import java.util.List;

/**
 * What "Test verbinding" or "Verstuur testmail" found: every step in order, each passed, failed or not run.
 *
 * @param steps CONNECT, TLS, AUTH, MAIL_FROM, RCPT_TO, (DATA,) QUIT
 * @param failure the first failure, {@code null} when everything up to QUIT passed
 * @param certificate the certificate the server presented in the TLS step, {@code null} without TLS
 * @param duration how long the whole probe took
 */
public record ProbeReport(List<StepResult> steps, SmtpFailure failure, PresentedCertificate certificate,
		Duration duration) {

	public ProbeReport {
		steps = List.copyOf(steps);
	}

	public boolean succeeded() {
		return failure == null;
	}

	/**
	 * Whether the user may choose to trust exactly the presented certificate for this level: only when the
	 * certificate itself was the problem.
	 */
	public boolean offersPinning() {
		return failure != null && certificate != null && (failure.cause() == SmtpFailure.Cause.CERTIFICATE_UNTRUSTED
				|| failure.cause() == SmtpFailure.Cause.CERTIFICATE_HOST_MISMATCH);
	}

	/**
	 * Everything passed, but the server asked for no sign-in, so the credentials were not checked; real mails to
	 * this server go without them too.
	 */
	public boolean signInNotAsked() {
		return succeeded() && steps.stream()
			.anyMatch(result -> result.step() == SmtpStep.AUTH && result.outcome() == Outcome.SKIPPED);
	}

	public StepResult step(SmtpStep step) {
		return steps.stream().filter(result -> result.step() == step).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No step " + step));
	}

	public enum Outcome {

		OK, FAILED, SKIPPED;

		public String messageKey() {
			return "smtp.probe.outcome." + name();
		}

	}

	/**
	 * One step.
	 *
	 * @param step which step
	 * @param outcome passed, failed or not run
	 * @param duration how long it took (zero when not run)
	 * @param serverReply the server's own reply to the step's command, {@code null} when there was none
	 * @param detail technical facts we observed, e.g. the address connected to or the TLS version; may be null
	 * @param failure why it failed, {@code null} unless FAILED
	 */
	public record StepResult(SmtpStep step, Outcome outcome, Duration duration, String serverReply, String detail,
			SmtpFailure failure) {

		static StepResult skipped(SmtpStep step) {
			return new StepResult(step, Outcome.SKIPPED, Duration.ZERO, null, null, null);
		}

	}

}
