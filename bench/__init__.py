"""Benchmarks of the portfolio system's pages, run with `make bench` (see bench/README.md)."""
