"""Seeded generator of realistic shopping screenshots with their ground truth."""

from tests.imagegen.screens import KINDS, Sample, generate, generate_corpus

__all__ = ["KINDS", "Sample", "generate", "generate_corpus"]
