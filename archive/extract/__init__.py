"""Extractors: article text in, plain records out (no database).

``sentences`` splits text; ``gazetteer`` loads the shipped dictionaries; ``entities`` finds
and resolves names. Each extractor has a version string recorded on the rows it produces.
"""
