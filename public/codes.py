"""Query codes (查询码): 100 bits from `secrets`, independent of the request number, shown once; only a salted
scrypt hash is stored. Verification is constant-time, and a lookup of an unknown number still hashes once so that the
response time does not tell a wrong number from a wrong code."""

import base64
import hashlib
import hmac
import secrets

ALPHABET_NOTE = "A-Z 2-7 (RFC 4648 base32)"
CODE_BYTES = 15  # 120 bits read; the 20-character code carries 100 of them (>= 80 required)
CODE_CHARS = 20
_N, _R, _P = 2**14, 8, 1
_DUMMY = "scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 32


def new_code():
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")[:CODE_CHARS]


def display(code):
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalise(typed):
    return "".join(c for c in (typed or "").upper() if c.isalnum())[:CODE_CHARS + 4]


def _hash(code, salt, n=_N, r=_R, p=_P):
    return hashlib.scrypt(code.encode("ascii", "ignore"), salt=salt, n=n, r=r, p=p, dklen=32)


def make_hash(code):
    salt = secrets.token_bytes(16)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${_hash(normalise(code), salt).hex()}"


def verify(code, stored):
    """True when `code` matches; `stored` may be None (unknown number): a dummy hash is computed all the same."""
    _, n, r, p, salt, digest = (stored or _DUMMY).split("$")
    computed = _hash(normalise(code), bytes.fromhex(salt), int(n), int(r), int(p))
    return stored is not None and hmac.compare_digest(computed, bytes.fromhex(digest))
