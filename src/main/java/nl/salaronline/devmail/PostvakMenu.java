package nl.salaronline.devmail;

import org.springframework.web.bind.annotation.ModelAttribute;

import nl.salaronline.layout.LayoutAdvice;

/** Tells the layout to show "Postvak (ontwikkeling)" in the menu while the catcher runs. */
@LayoutAdvice
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
