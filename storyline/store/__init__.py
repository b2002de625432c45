"""Stores behind one interface; ``open_store`` picks the backend from the address."""

from __future__ import annotations

from .base import SCHEMA_VERSION, ArticleConflict, Store, StoreError, result_row
from .sqlite import SQLiteStore


def open_store(address: str) -> Store:
    """Open the store at ``address``: a file path (SQLite) or a postgresql:// URL."""
    if address.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(address)
    return SQLiteStore(address)


__all__ = ["open_store", "Store", "SQLiteStore", "StoreError", "ArticleConflict", "SCHEMA_VERSION", "result_row"]
