"""A security key in software, for the Django test client (this module holds no tests).

``SoftKey`` answers the registry's WebAuthn endpoints as a browser with a USB key would: ES256
signatures, "none" attestation, a signature counter. The browser tests (tests/browser/) use
Chrome's own virtual authenticator instead.
"""

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64encode

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp_webauthn.models import WebAuthnCredential

RP_ID = "localhost"
ORIGIN = "http://localhost:8000"

WEBAUTHN = "/account/webauthn"
REGISTRATION_BEGIN = f"{WEBAUTHN}/registration/begin/"
REGISTRATION_COMPLETE = f"{WEBAUTHN}/registration/complete/"
AUTHENTICATION_BEGIN = f"{WEBAUTHN}/authentication/begin/"
AUTHENTICATION_COMPLETE = f"{WEBAUTHN}/authentication/complete/"

# Authenticator data flags: the user was present, the user was verified, a credential follows.
USER_PRESENT, USER_VERIFIED, ATTESTED = 0x01, 0x04, 0x40


def b64url(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftKey:
    def __init__(self, rp_id=RP_ID, origin=ORIGIN):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0
        self.rp_id, self.origin = rp_id, origin

    def public_key(self):
        """The public key in COSE form (EC2, P-256, ES256), as the registry stores it."""
        numbers = self.private_key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def saved_for(self, user, name="blue key"):
        """Store this key as ``user``'s, as a finished registration would."""
        return WebAuthnCredential.objects.create(
            user=user,
            name=name,
            credential_id=self.credential_id,
            public_key=self.public_key(),
            aaguid="00000000-0000-0000-0000-000000000000",
            transports=["usb"],
        )

    def authenticator_data(self, flags):
        self.sign_count += 1
        data = hashlib.sha256(self.rp_id.encode()).digest()
        data += bytes([flags]) + struct.pack(">I", self.sign_count)
        if flags & ATTESTED:
            data += bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
            data += self.public_key()
        return data

    def client_data(self, kind, options):
        return json.dumps(
            {
                "type": kind,
                "challenge": options["challenge"],
                "origin": self.origin,
                "crossOrigin": False,
            }
        ).encode()

    def credential(self, response):
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": response,
            "clientExtensionResults": {},
            "authenticatorAttachment": "cross-platform",
        }

    def registration(self, options):
        """What the browser sends to registration/complete/ for ``options`` from
        registration/begin/."""
        auth_data = self.authenticator_data(USER_PRESENT | USER_VERIFIED | ATTESTED)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return self.credential(
            {
                "clientDataJSON": b64url(self.client_data("webauthn.create", options)),
                "attestationObject": b64url(attestation),
                "transports": ["usb"],
            }
        )

    def assertion(self, options):
        """What the browser sends to authentication/complete/ for ``options`` from
        authentication/begin/."""
        client_data = self.client_data("webauthn.get", options)
        auth_data = self.authenticator_data(USER_PRESENT | USER_VERIFIED)
        signature = self.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return self.credential(
            {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            }
        )


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def register(client, key):
    """Register ``key`` for the signed-in user of ``client``; the response of the last step."""
    begin = client.post(REGISTRATION_BEGIN)
    assert begin.status_code == 200, begin.content
    return post_json(client, REGISTRATION_COMPLETE, key.registration(begin.json()))


def use(client, key, next_url=None):
    """Sign a fresh challenge with ``key`` for ``client``'s session; the response of the last
    step."""
    begin = client.post(AUTHENTICATION_BEGIN)
    assert begin.status_code == 200, begin.content
    url = AUTHENTICATION_COMPLETE + (f"?next={next_url}" if next_url else "")
    return post_json(client, url, key.assertion(begin.json()))
