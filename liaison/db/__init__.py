"""The storage layer: the only package that speaks SQL."""
