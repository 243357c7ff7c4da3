// SMTP Instellingen: choosing "Gebruik Beveiliging" suggests the usual port (587 STARTTLS, 465 SSL/TLS, 25 Geen),
// but only while the port field is empty or still holds the previous suggestion: a port the user typed stays.
// Without JavaScript the form works the same, just without the suggestion. Set up again when smtp-test.js swaps in
// a fresh form (event "smtp:form-replaced").
(function () {
	'use strict';
	function init() {
		var security = document.getElementById('security');
		var port = document.getElementById('port');
		if (!security || !port) {
			return;
		}
		function usualPort() {
			var option = security.options[security.selectedIndex];
			return option ? option.getAttribute('data-usual-port') || '' : '';
		}
		// a stored port equal to the usual one for the stored choice counts as a suggestion too
		var lastSuggestion = port.value !== '' && port.value === usualPort() ? port.value : null;
		// "Geen": the warning and its confirmation appear at once (without JavaScript, after the next post)
		var plainText = document.getElementById('smtp-plain-text');
		function showPlainText() {
			if (plainText) {
				plainText.classList.toggle('d-none', security.value !== 'NONE'
						&& !document.getElementById('plainTextSignIn').classList.contains('is-invalid'));
			}
		}
		security.addEventListener('change', showPlainText);
		security.addEventListener('change', function () {
			var current = port.value.trim();
			var suggestion = usualPort();
			if (suggestion !== '' && (current === '' || current === lastSuggestion)) {
				port.value = suggestion;
				lastSuggestion = suggestion;
			}
		});
	}
	init();
	document.addEventListener('smtp:form-replaced', init);
}());
