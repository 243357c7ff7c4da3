package nl.salaronline.smtpsettings.keyrotation;

import java.util.List;

/** Some stored secrets do not decrypt with the old key; nothing was changed. */
class KeyRotationRefusedException extends RuntimeException {

	KeyRotationRefusedException(List<Long> settingsIds) {
		super("Key rotation refused, nothing changed: the secrets of smtp_settings " + settingsIds
				+ " do not decrypt with the old key (salaronline.rotate-key.from).");
	}

}
