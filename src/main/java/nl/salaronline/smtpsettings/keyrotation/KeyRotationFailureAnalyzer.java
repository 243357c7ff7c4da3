package nl.salaronline.smtpsettings.keyrotation;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A refused key rotation ends start-up with a short explanation instead of a stack trace. */
class KeyRotationFailureAnalyzer extends AbstractFailureAnalyzer<KeyRotationRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeyRotationRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Check SALARONLINE_ROTATE_KEY_FROM: it must be the key the secrets were saved with.", cause);
	}

}
