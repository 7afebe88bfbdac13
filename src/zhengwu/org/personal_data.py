"""An account's personal data as a given viewer may see it: in full or masked."""

from __future__ import annotations

from zhengwu.common.identity import mask_id_number, mask_phone


def id_number_for(viewer, owner) -> str:
    if viewer is not None and viewer.has_perm("org.view_personal_data", owner):
        return owner.id_number
    return mask_id_number(owner.id_number)


def phone_for(viewer, owner) -> str:
    if viewer is not None and viewer.has_perm("org.view_personal_data", owner):
        return owner.phone
    return mask_phone(owner.phone)
