"""What each product shows: one module per product, over the analyses."""

from __future__ import annotations


def validators() -> list:
    """Checks of one country's inputs, `(paths, iso3) -> None`, raising InputError."""
    from lnob.products.checks import check_stocktake, check_surveys

    return [check_stocktake, check_surveys]
