// SMTP Instellingen, OAuth2 and presets (SPEC section 9):
// - "Aanmelden met" shows only the fields of the chosen method (without JavaScript all are shown, each group named);
// - choosing a provider fills server address, port and security at once (without JavaScript: the button "Invullen").
// Set up again when smtp-test.js swaps in a fresh form (event "smtp:form-replaced").
(function () {
	'use strict';
	function initMethod() {
		var method = document.getElementById('authMethod');
		var groups = document.querySelectorAll('.smtp-auth[data-auth]');
		function showChosenMethod() {
			for (var i = 0; i < groups.length; i++) {
				groups[i].hidden = groups[i].getAttribute('data-auth') !== method.value;
			}
		}
		if (method && !method.disabled) {
			method.addEventListener('change', showChosenMethod);
			showChosenMethod();
		}
	}

	function initProvider() {
		var provider = document.getElementById('provider');
		var apply = document.getElementById('provider-apply');
		if (!provider) {
			return;
		}
		if (apply) {
			apply.hidden = true;
		}
		provider.addEventListener('change', function () {
			var option = provider.options[provider.selectedIndex];
			if (!option || option.value === '') {
				return;
			}
			var host = document.getElementById('host');
			var port = document.getElementById('port');
			var security = document.getElementById('security');
			host.value = option.getAttribute('data-host');
			port.value = option.getAttribute('data-port');
			security.value = option.getAttribute('data-security');
			// tell the port suggestion script that the port now is the one for this security
			security.dispatchEvent(new Event('change'));
			port.value = option.getAttribute('data-port');
			// the published sending limits, or empty where the provider publishes none
			var perMinute = document.getElementById('maxPerMinute');
			var perDay = document.getElementById('maxPerDay');
			if (perMinute && perDay) {
				perMinute.value = option.getAttribute('data-max-per-minute') || '';
				perDay.value = option.getAttribute('data-max-per-day') || '';
			}
		});
	}

	function init() {
		initMethod();
		initProvider();
	}
	init();
	document.addEventListener('smtp:form-replaced', init);
}());
