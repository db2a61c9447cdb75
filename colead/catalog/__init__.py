"""Every message shown to users, in Japanese and English (the same keys in both).

One catalog, kept in one module per subject so that each stays readable; the modules' keys must
not overlap (checked on import). Worksheet wording is not here: it is the guideline's Japanese,
declared in colead/worksheets.
"""

from __future__ import annotations

from types import ModuleType

from colead.catalog import (
    apply,
    breakout,
    core,
    dashboard,
    imports,
    inbox,
    incentives,
    matching,
    operations,
    outreach,
    own_page,
    partners,
    public,
    registries,
    relationships,
    setup,
    tables,
    tours,
)

_MODULES: tuple[ModuleType, ...] = (
    core,
    registries,
    operations,
    tables,
    imports,
    dashboard,
    matching,
    incentives,
    relationships,
    breakout,
    setup,
    partners,
    tours,
    public,
    apply,
    inbox,
    own_page,
    outreach,
)


def _merge(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in _MODULES:
        part: dict[str, str] = getattr(module, language)
        overlap = merged.keys() & part.keys()
        if overlap:
            raise RuntimeError(f"catalog keys defined twice: {sorted(overlap)}")
        merged.update(part)
    return merged


JA: dict[str, str] = _merge("JA")
EN: dict[str, str] = _merge("EN")
CATALOG: dict[str, dict[str, str]] = {"ja": JA, "en": EN}
