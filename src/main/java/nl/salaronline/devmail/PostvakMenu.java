package nl.salaronline.devmail;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells the layout to show "Postvak (ontwikkeling)" in the menu while the catcher runs. */
@ControllerAdvice
@DevMailCatcherEnabled
class PostvakMenu {

	private final DevMailCatcher catcher;

	PostvakMenu(DevMailCatcher catcher) {
		this.catcher = catcher;
	}

	@ModelAttribute("devMailbox")
	boolean devMailbox() {
		return catcher.isRunning();
	}

}
