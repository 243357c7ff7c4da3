package nl.salaronline.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing key into Spring Boot's short "APPLICATION FAILED TO START" report, without a stack trace. */
class MissingEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingEncryptionKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingEncryptionKeyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set " + cause.variable() + " to a long random secret (and keep it: stored passwords need it).", cause);
	}

}
