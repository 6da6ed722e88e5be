"""Liveness of services, judged from their heartbeats."""
