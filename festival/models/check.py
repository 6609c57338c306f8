"""What ``festival check`` last found in a festival, counted, per festival version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from festival.models.base import Model
from festival.models.types import UTCDateTime


class FestivalCheck(Model):
    """The number of errors and warnings of a festival at ``version``: a stale row (an older
    version) is recomputed, so the organiser home never re-checks an unchanged festival."""

    __tablename__ = "festival_check"

    festival_id: Mapped[int] = mapped_column(
        ForeignKey("festival.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger)
    errors: Mapped[int]
    warnings: Mapped[int]
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
