"""Checking uploaded materials: type by content and extension, size, and a safe display name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension → (content type, the file's first bytes). DOCX, XLSX and OFD are ZIP containers.
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".ofd": ("application/ofd", (b"PK\x03\x04",)),
}


def max_upload_bytes() -> int:
    """The most one file may take (``ZHENGWU_MAX_UPLOAD_MB``)."""
    return getattr(settings, "ZHENGWU_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def max_case_upload_bytes() -> int:
    """The most all the files of one case may take together (``ZHENGWU_MAX_CASE_UPLOAD_MB``)."""
    return getattr(settings, "ZHENGWU_MAX_CASE_UPLOAD_BYTES", 100 * 1024 * 1024)


def check_case_total(already: int, checked: list[CheckedUpload]) -> None:
    """Refuse new files that would take a case's files past the per-case limit."""
    total = already + sum(info.size for info in checked)
    limit = max_case_upload_bytes()
    if checked and total > limit:
        mb = 1024 * 1024
        raise ValidationError(
            _(
                "Together the files of one application may take at most %(limit)s MB;"
                " with these they would take %(total)s MB."
            )
            % {"limit": limit // mb, "total": f"{total / mb:.1f}"},
            code="upload_case_size",
        )


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str


def safe_name(name: str) -> str:
    """The file's own name without any path, control characters or leading dots (≤ 100 chars)."""
    base = PurePath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'[<>:"/|?*]', "_", base).strip().lstrip(".")
    if len(base) > 100:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 100 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:100]
    return base or "file"


def check_upload(upload) -> CheckedUpload:
    """Refuse files of a type the platform does not take, or too large; describe the rest."""
    name = safe_name(getattr(upload, "name", "") or "")
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _("%(name)s: files of this type are not accepted (accepted: %(types)s).")
            % {"name": name, "types": "PDF、JPG、PNG、DOCX、XLSX、OFD"},
            code="upload_type",
        )
    size = upload.size
    if size > max_upload_bytes():
        raise ValidationError(
            _("%(name)s is too large: at most %(mb)s MB.")
            % {"name": name, "mb": max_upload_bytes() // (1024 * 1024)},
            code="upload_size",
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="upload_empty")
    content_type, signatures = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(16)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("%(name)s is not really a %(ext)s file.") % {"name": name, "ext": extension[1:]},
            code="upload_content",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    ):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(name=name, content_type=content_type, size=size, sha256=digest.hexdigest())
