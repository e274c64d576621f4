"""Claim checking internals: lexicons, the compiled fact index, typed comparisons and the page checker.

The public entry points are :func:`classifier.claims.check_claims` and :func:`classifier.claims.claim_features`.
"""
