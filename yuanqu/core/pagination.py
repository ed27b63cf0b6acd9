"""The API's list paging: ninja's limit/offset with an upper bound on the offset."""

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination

# Far beyond any list we hold, far below what SQLite's and PostgreSQL's 64-bit integers overflow at.
MAX_OFFSET = 1_000_000_000


class LimitOffset(LimitOffsetPagination):
    """limit/offset paging whose offset is bounded, so a huge one is a 422, not a database overflow."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
