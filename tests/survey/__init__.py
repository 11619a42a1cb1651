"""Tests of lnob.survey (a package, so that helper imports and test names never clash)."""
