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

for (const failure of ["otp_webauthn.verification_failed", "otp_webauthn.register_failed"]) {
  document.addEventListener(failure, (event) => {
    // Too many failed logins: the page itself now says so, and for how long.
    if (event.detail && event.detail.response && event.detail.response.status === 429) {
      window.location.reload();
    }
  });
}

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
