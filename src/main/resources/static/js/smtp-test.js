// SMTP Instellingen, "Test verbinding" and "Verstuur testmail": with JavaScript the result appears without a page
// reload, so what the user typed (the password too) stays in the form. The server renders the same page as without
// JavaScript; we swap in its form. Any surprise (a login page, a network error) falls back to a normal submit.
(function () {
	'use strict';
	var busy = false;

	function fallback(form, button) {
		button.removeAttribute('data-smtp-async');
		if (form.requestSubmit) {
			form.requestSubmit(button);
		} else {
			button.click();
		}
	}

	document.addEventListener('submit', function (event) {
		var button = event.submitter;
		var form = event.target;
		if (!button || !button.hasAttribute('data-smtp-async') || !window.fetch || !window.DOMParser) {
			return;
		}
		event.preventDefault();
		if (busy) {
			return;
		}
		busy = true;
		var data = new FormData(form);
		// the secrets typed (password, client secret, service account key): the server never sends them back
		var secretFields = ['#password', '#clientSecret', '#serviceAccountKey'];
		var typedSecrets = secretFields.map(function (selector) {
			var field = form.querySelector(selector);
			return field ? field.value : '';
		});
		var status = form.querySelector('#smtp-test-busy');
		if (status) {
			status.textContent = button.getAttribute('data-busy') || '';
		}
		form.setAttribute('aria-busy', 'true');
		button.disabled = true;
		fetch(button.formAction, { method: 'POST', body: data, credentials: 'same-origin',
			headers: { 'Accept': 'text/html' } })
			.then(function (response) {
				return response.ok ? response.text() : Promise.reject(response.status);
			})
			.then(function (html) {
				var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('form.smtp-form');
				if (!fresh) {
					return Promise.reject('no form');
				}
				form.replaceWith(fresh);
				var restored = false;
				secretFields.forEach(function (selector, i) {
					var field = fresh.querySelector(selector);
					if (field && typedSecrets[i]) {
						field.value = typedSecrets[i];
						restored = true;
					}
				});
				var retype = fresh.querySelector('#smtp-probe-retype');
				if (retype && restored) {
					retype.remove();
				}
				document.dispatchEvent(new CustomEvent('smtp:form-replaced'));
				var result = fresh.querySelector('#smtp-probe') || fresh.querySelector('.is-invalid')
					|| fresh.querySelector('[role="alert"]');
				if (result) {
					result.focus();
				}
			})
			.catch(function () {
				button.disabled = false;
				form.removeAttribute('aria-busy');
				fallback(form, button);
			})
			.then(function () {
				busy = false;
			});
	});
}());
