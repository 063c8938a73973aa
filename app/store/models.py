"""The stored data: cases, their evidence items and the log of complaint submissions."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.records import FoundEntry, Redaction


def utcnow() -> datetime:
    return datetime.now(UTC)


class Case(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    platform: str = "taobao"
    shop: str = ""
    order_number: str = ""  # the first of order_numbers, kept for older readers
    # The order(s) the complaint is about, as the buyer typed or confirmed them: the
    # reference OCR readings are checked against, and all the PDF cover lists.
    order_numbers: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    amount: str = ""  # decimal string, e.g. "128.00"
    complaint_type: str = "quality"
    order_completed_on: date | None = None
    # When the buyer knew (or should have known) of the harm: 12315's three years run
    # from it. None: the completion date.
    harm_known_on: date | None = None
    requested_outcome: str = ""
    product_name: str = ""  # 商品名称, as 12315's form asks for it
    # The request as one of 12315's options (app.case.parties.REQUEST_OPTIONS), or "".
    request_option: str = ""
    # The parties as channels require them: kept in the store, printed only where a
    # channel needs them, never in a public pack (app.case.parties).
    buyer_name: str = ""
    buyer_phone: str = ""
    buyer_address: str = ""
    buyer_id_number: str = ""  # for a lawsuit
    buyer_sex: str = ""  # for a lawsuit: 男 / 女
    buyer_birth: date | None = None  # for a lawsuit
    seller_company: str = ""  # the business behind the shop (its 营业执照 page)
    seller_uscc: str = ""  # 统一社会信用代码
    seller_address: str = ""
    seller_legal_rep: str = ""  # 法定代表人
    description: str = ""
    letter_text: str = ""  # the complaint letter as the buyer edited it; "" = use the draft
    deleted_at: datetime | None = None  # set when moved to the trash
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    def file_title(self) -> str:
        """The title as it can stand in a file name on every system."""
        return re.sub(r'[\\/:*?"<>|\s]+', "_", self.title).strip("_")[:40] or f"case{self.id}"


class EvidenceItem(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("case_id", "sha256", name="uq_item_case_sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("case.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    )
    position: int = 0  # exhibit order within the case
    sha256: str = Field(index=True)
    stored_path: str  # relative to the data dir
    original_name: str
    size_bytes: int
    width: int
    height: int
    image_format: str  # the picture's format; for other media the codec (H264, AMR) or PDF
    # What the original is (app.evidence_types): for a pdf, video or audio the item's
    # picture is its face (pages, a contact sheet of frames, a card), stored apart.
    media: str = "image"
    face_path: str = ""  # relative to the data dir; "" for a picture
    face_sha256: str = ""
    duration_s: float = 0.0
    recorded_at: datetime | None = None  # from a video's or recording's container
    page_count: int = 0
    frame_times: list[float] = Field(default_factory=list, sa_column=Column(JSON))
    imported_at: datetime = Field(default_factory=utcnow)
    # When the original file was last modified (for a screenshot: when it was taken).
    # Chat stamps like 昨天 13:01 are dated from it.
    source_modified_at: datetime | None = None
    kind: str = "other"
    kind_confirmed: bool = False  # the user set the kind; OCR must not overwrite it
    caption: str = ""
    purpose: str = ""  # 证明目的 as the buyer wrote it; "" = the catalogue's draft
    ocr_status: str = "pending"  # pending | done | failed | unavailable
    ocr_error: str = ""
    ocr_text: str = ""
    extractor_version: str = ""
    pixel_print: str = ""  # app.imaging.pixel_print: notices the same screen saved twice
    read_doubt: str = ""  # why personal data may have been missed (app.ocr.classify)
    order_numbers: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    timestamps: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    amounts: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    # Every fact and chat message found, with its bounding box
    facts: list[FoundEntry] = Field(default_factory=list, sa_column=Column(JSON))
    # The user's corrections, which win over OCR: {"order_numbers": [...], ...}
    user_facts: dict[str, list[str]] = Field(default_factory=dict, sa_column=Column(JSON))
    # Areas blacked out in exported images (OCR's suggestions and the buyer's boxes)
    redactions: list[Redaction] = Field(default_factory=list, sa_column=Column(JSON))

    def effective(self, key: str) -> list[str]:
        """order_numbers / timestamps / amounts as the user corrected them, else as found."""
        if key in self.user_facts:
            return list(self.user_facts[key])
        return list(getattr(self, key))


class Submission(SQLModel, table=True):
    """One complaint filed somewhere (platform, 12315, ...) and how it went."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("case.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    )
    submitted_on: date
    channel: str
    reference: str = ""
    status: str = "submitted"
    notes: str = ""
    replies: str = ""  # what the channel answered, in the buyer's words
    next_follow_up: date | None = None
    # What was sent: the hash of the chain-of-custody entry recording that export or pack
    # (its files and their SHA-256); "" when not recorded.
    sent: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class CustodyEvent(SQLModel, table=True):
    """One entry of a case's chain of custody (app.seal.chain): the body is the canonical
    JSON its hash is taken of, and the only place its facts are read from."""

    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_custody_case_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("case.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    )
    seq: int
    body: str
    entry_hash: str
