"""This installation's signing identity: an EC P-256 key made on first export, kept in
the data dir readable by its owner only, and a self-signed certificate for it.

The certificate names no one by default: its subject is "ProofPack 用户 <fingerprint>",
the fingerprint being of the public key, so two bundles from one installation can be
told to come from the same key without saying whose. A buyer who sets their name gets a
second certificate with it, on the same key, for the packs that are not public."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.files import atomic_write

logger = logging.getLogger(__name__)

FOLDER = "signing"
KEY_FILE = "key.pem"
PRIVATE = 0o600
VALID_YEARS = 30  # a complaint's evidence may be checked years later, in court


@dataclass(frozen=True)
class Identity:
    key_pem: bytes
    cert_pem: bytes

    @property
    def cert_der(self) -> bytes:
        return x509.load_pem_x509_certificate(self.cert_pem).public_bytes(
            serialization.Encoding.DER)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, as the verification page prints it."""
        return hashlib.sha256(self.cert_der).hexdigest()

    @property
    def subject(self) -> str:
        cert = x509.load_pem_x509_certificate(self.cert_pem)
        return cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value  # type: ignore[return-value]


def key_id(key: ec.EllipticCurvePrivateKey) -> str:
    """The public key's fingerprint, short: what the pseudonymous subject carries."""
    der = key.public_key().public_bytes(serialization.Encoding.DER,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()[:16].upper()


def identity(data_dir: Path, name: str = "") -> Identity:
    """The installation's identity, made on first use; with `name`, the certificate that
    carries it (made once per name), else the pseudonymous one."""
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    key = _key(folder / KEY_FILE)
    holder = name.strip() or f"ProofPack 用户 {key_id(key)}"
    cert_path = folder / f"cert-{hashlib.sha256(holder.encode()).hexdigest()[:12]}.pem"
    try:
        cert_pem = cert_path.read_bytes()
        cert = x509.load_pem_x509_certificate(cert_pem)
        if cert.public_key() != key.public_key():
            raise ValueError("certificate of another key")
    except (OSError, ValueError):
        cert_pem = _self_signed(key, holder)
        with atomic_write(cert_path) as fh:
            fh.write(cert_pem)
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return Identity(key_pem, cert_pem)


def _key(path: Path) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if isinstance(key, ec.EllipticCurvePrivateKey):
            return key
        logger.warning("signing key %s is not an EC key: making a new one", path)
    except FileNotFoundError:
        logger.info("making this installation's signing key in %s", path)
    except ValueError:
        logger.warning("signing key %s unreadable: making a new one", path)
    key = ec.generate_private_key(ec.SECP256R1())
    with atomic_write(path, mode=PRIVATE, fsync_dir=True) as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM,
                                   serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    return key


def _self_signed(key: ec.EllipticCurvePrivateKey, holder: str) -> bytes:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, holder),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ProofPack")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False,
                                     decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)
