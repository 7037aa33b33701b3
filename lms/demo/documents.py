"""The demo's files (``lms/demo/media/``), uploaded as Wagtail documents, and the
StreamField data that refers to them."""

import uuid
from pathlib import Path

from django.core.files import File
from wagtail.documents.models import Document
from wagtail.utils.file import hash_filelike

MEDIA_DIR = Path(__file__).resolve().parent / "media"

#: key: (file in ``media``, document title)
DOCUMENTS = {
    "video": ("culture-des-donnees.mp4", "Vidéo : la culture des données (semaine 1)"),
    "captions_fr": ("culture-des-donnees.fr.vtt", "Sous-titres français : la culture des données"),
    "captions_en": ("culture-des-donnees.en.vtt", "English captions: data culture"),
    "inventory": ("inventaire-des-donnees.csv", "Gabarit : inventaire des données"),
    "inventory_en": ("data-inventory.csv", "Template: data inventory"),
    "self_assessment": (
        "autodiagnostic-maturite.csv",
        "Grille d'autodiagnostic de la maturité technologique",
    ),
    "plan": ("plan-transition-numerique.csv", "Gabarit : plan de transition numérique"),
}

#: Block fields that hold a document, given in the modules' specs by their DOCUMENTS key.
DOCUMENT_FIELDS = {"video": ("video", "captions_fr", "captions_en"), "resource": ("document",)}


def documents_upload(author) -> dict[str, Document]:
    """Upload every file of ``DOCUMENTS``; return the documents by key."""
    documents = {}
    for key, (filename, title) in DOCUMENTS.items():
        path = MEDIA_DIR / filename
        with path.open("rb") as handle:
            document = Document(
                title=title,
                file=File(handle, name=filename),
                file_size=path.stat().st_size,
                file_hash=hash_filelike(handle),
                uploaded_by_user=author,
            )
            handle.seek(0)
            document.save()
        documents[key] = document
    return documents


def stream(blocks: list[tuple], documents: dict[str, Document], ids=None) -> list[dict]:
    """Return raw StreamField data, with documents resolved and the given block ids."""
    ids = ids or [str(uuid.uuid4()) for _ in blocks]
    data = []
    for (block_type, value), block_id in zip(blocks, ids, strict=True):
        if block_type in DOCUMENT_FIELDS:
            value = dict(value)
            for name in DOCUMENT_FIELDS[block_type]:
                value[name] = documents[value[name]].pk
        data.append({"type": block_type, "value": value, "id": block_id})
    return data
