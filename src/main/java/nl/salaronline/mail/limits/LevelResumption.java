package nl.salaronline.mail.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import nl.salaronline.smtpsettings.SmtpSettingsConfirmed;

/**
 * Saving a level's settings, or a passing Test verbinding on them, lifts its stall: its waiting mails are due at once
 * and go out within the worker's poll interval. Saving also forgets a pause and a learned rate (new settings, perhaps
 * a new provider).
 */
@Component
class LevelResumption {

	private static final Logger log = LoggerFactory.getLogger(LevelResumption.class);

	private final LevelStates states;

	private final WaitingMails waiting;

	LevelResumption(LevelStates states, WaitingMails waiting) {
		this.states = states;
		this.waiting = waiting;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(SmtpSettingsConfirmed event) {
		LevelKey level = new LevelKey(LevelKey.Kind.valueOf(event.levelKind()), event.levelId());
		if (event.saved()) {
			states.reset(level);
			int due = waiting.dueNow(level, true);
			if (due > 0) {
				log.info("Level {} {}: settings saved, {} waiting mails due now", level.kind(), level.id(), due);
			}
		}
		else if (states.lift(level)) {
			log.info("Level {} {}: Test verbinding passed, {} waiting mails due now", level.kind(), level.id(),
					waiting.dueNow(level, false));
		}
	}

}
