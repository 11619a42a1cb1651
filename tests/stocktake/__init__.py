"""Tests of lnob.stocktake; a package so its helper module imports in every import mode."""
