"""Government information disclosure (政府信息公开): the catalog, published information and
disclosure requests. One module per part; every model is importable from here."""

from zhengwu.disclosure.models.information import (  # noqa: F401
    Category,
    Item,
    ItemAttachment,
    ItemKind,
    Topic,
)
from zhengwu.disclosure.models.requests import (  # noqa: F401
    Consultation,
    DisclosureRequest,
    RequestCorrection,
)
