// The registry's part of the security-key pages; django-otp-webauthn's scripts run the
// ceremonies and announce each outcome with an event on the page.
"use strict";

document.addEventListener("otp_webauthn.register_complete", (event) => {
  // A key was just registered: save the name its owner typed for it.
  const form = document.getElementById("passkey-name-form");
  form.elements.key.value = event.detail.id;
  form.submit();
});

document.addEventListener("otp_webauthn.verification_complete", () => {
  // On a removal page the key confirmed the removal, which the form now asks for. At login the
  // library's script goes on to the admin by itself.
  const form = document.getElementById("passkey-confirm-form");
  if (form) {
    form.submit();
  }
});

document.addEventListener("otp_webauthn.verification_failed", (event) => {
  const response = event.detail && event.detail.response;
  if (!response) {
    return;
  }
  // Too many failed logins, or the wait after the password is over: the page itself says what
  // now (the lockout and for how long, or the login form again).
  const refusedAtStart = response.status === 403 && response.url.includes("/begin/");
  if (response.status === 429 || refusedAtStart) {
    window.location.reload();
  }
});

document.addEventListener("DOMContentLoaded", () => {
  // Enter in the name field starts the registration rather than submitting a name alone.
  const form = document.getElementById("passkey-name-form");
  if (form) {
    form.addEventListener("submit", (event) => {
      if (!form.elements.key.value) {
        event.preventDefault();
        const button = document.getElementById("passkey-register-button");
        if (button) {
          button.click();
        }
      }
    });
  }
});
