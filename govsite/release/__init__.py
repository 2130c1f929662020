"""Releases: the build into a fresh tree, its manifest, publishing, rollback and withdrawal."""
