"""Extraction: tokens, phrases, numbers and quantities found in a document's text."""
