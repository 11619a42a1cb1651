"""Leave No One Behind publishing system."""
