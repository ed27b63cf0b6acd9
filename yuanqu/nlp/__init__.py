"""The offline Chinese text engine shared by every app: no models, no database.

normalize (one normal form), segment (rjieba + the park dictionary), thesaurus (synonyms),
features (TF-IDF builders), vectors (offline E5 sentence vectors + their disk cache) and
similarity (near-duplicate index).
"""
