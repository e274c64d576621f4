"""Tortured-phrase machinery: lexicon readers, the artifact build (WordNet, build time only) and the matcher."""
