"""Stores behind one interface; ``open_store`` picks the backend from the address."""

from __future__ import annotations

from .base import SCHEMA_VERSION, ArticleConflict, Store, StoreError, result_row
from .sqlite import SQLiteStore


def open_store(address: str, readonly: bool = False) -> Store:
    """Open the store at ``address``: a file path (SQLite) or a postgresql:// URL. ``readonly``: a SQLite file
    must exist and is only read (a worker reading its task's articles)."""
    if address.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(address)
    return SQLiteStore(address, readonly=readonly)


__all__ = ["open_store", "Store", "SQLiteStore", "StoreError", "ArticleConflict", "SCHEMA_VERSION", "result_row"]
