"""Benchmarks of the cooperation network."""
