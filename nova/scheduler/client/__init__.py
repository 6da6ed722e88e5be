"""Clients of the scheduler's neighbours: ``report`` speaks to placement."""
